import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
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
