import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = resolve('dist/web');

/** Pages that are served by the small display bundle rather than the main app. */
const DISPLAY_PREFIX = '/display';

/**
 * Serves the built web bundle and the fonts, and answers unknown non-API GETs with the app shell
 * so that client-side routes survive a reload.
 */
export async function installWebStatic(app: FastifyInstance): Promise<void> {
  const fontsDir = resolve('node_modules/@expo-google-fonts/tinos');
  await app.register(fastifyStatic, {
    root: fontsDir,
    prefix: '/fonts/',
    decorateReply: false,
    wildcard: false,
    allowedPath: (path) => /^\/?[\w/-]+\.ttf$/.test(path),
    maxAge: '30d',
  });
  const hasWeb = existsSync(join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      wildcard: false,
      index: false,
      maxAge: '1h',
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method !== 'GET' || path.startsWith('/api/') || !hasWeb || /\.[a-z0-9]+$/i.test(path)) {
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
