import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = resolve('dist/web');

// Only real asset names 404 here; client routes may contain dots (procedure codes such as 1.001193).
const ASSET_EXTENSION = /\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|ttf|woff2?|json|txt|webmanifest|pdf)$/i;

/** Pages that are served by the small display bundle rather than the main app. */
const DISPLAY_PREFIX = '/display';

/**
 * Serves the built web bundle and the fonts, and answers unknown non-API GETs with the app shell
 * so that client-side routes survive a reload.
 */
export async function installWebStatic(app: FastifyInstance): Promise<void> {
  // The document stylesheet names the fonts plainly; the package keeps them in per-weight folders.
  const fontsDir = resolve('node_modules/@expo-google-fonts/tinos');
  const FONT_FILES: Record<string, string> = {
    'Tinos-Regular.ttf': '400Regular/Tinos_400Regular.ttf',
    'Tinos-Bold.ttf': '700Bold/Tinos_700Bold.ttf',
    'Tinos-Italic.ttf': '400Regular_Italic/Tinos_400Regular_Italic.ttf',
    'Tinos-BoldItalic.ttf': '700Bold_Italic/Tinos_700Bold_Italic.ttf',
  };
  await app.register(fastifyStatic, { root: fontsDir, serve: false, decorateReply: true });
  app.get('/fonts/:file', { schema: { hide: true } }, (request, reply) => {
    const file = FONT_FILES[(request.params as { file: string }).file];
    if (!file) return reply.status(404).send({ message: 'Không tìm thấy phông chữ' });
    return reply
      .header('cache-control', 'public, max-age=2592000, immutable')
      .type('font/ttf')
      .sendFile(file, fontsDir);
  });
  const hasWeb = existsSync(join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      wildcard: false,
      index: false,
      maxAge: '1h',
      decorateReply: false,
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method !== 'GET' || path.startsWith('/api/') || !hasWeb || ASSET_EXTENSION.test(path)) {
      return reply.status(404).send({ message: `Không tìm thấy đường dẫn ${request.method} ${path}` });
    }
    const page =
      path === DISPLAY_PREFIX || path.startsWith(`${DISPLAY_PREFIX}/`) ? 'display.html' : 'index.html';
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .sendFile(page, WEB_DIST);
  });
}
