import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The document builder and the validator call two plain helpers of FormTemplate.ts, which also defines
 * the zod schemas; zod would triple the citizen display's bundle. Those two importers get a zod-free copy
 * (src/web/display/template-fields-lite.ts, same code). Owned by the live display (docs/LIVE.md).
 */
function formTemplateLite(): Plugin {
  const lite = fileURLToPath(new URL('./src/web/display/template-fields-lite.ts', import.meta.url));
  return {
    name: 'kv-form-template-lite',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.endsWith('/FormTemplate.ts')) return null;
      if (/[\\/]core[\\/](document[\\/]build-document|forms[\\/]validate-values)\.ts$/.test(importer))
        return lite;
      return null;
    },
  };
}

export default defineConfig({
  root: 'src/web',
  plugins: [formTemplateLite(), react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        app: 'src/web/index.html',
        display: 'src/web/display.html',
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
