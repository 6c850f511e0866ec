import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from './config.ts';
import type { Db } from './db/database.ts';
import { installErrorHandler } from './http/errors.ts';
import { installWebStatic } from './http/web-static.ts';
import { addressRoutes } from './modules/addresses/addresses.routes.ts';
import { attachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { installAuth } from './modules/auth/auth.guard.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { cccdRoutes } from './modules/cccd/cccd.routes.ts';
import { citizenRoutes } from './modules/citizens/citizens.routes.ts';
import { dossierRoutes } from './modules/dossiers/dossiers.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { liveRoutes } from './modules/live/live.routes.ts';
import { logbookRoutes } from './modules/logbook/logbook.routes.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { procedureRoutes } from './modules/procedures/procedures.routes.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { templateRoutes } from './modules/templates/templates.routes.ts';
import { unitRoutes } from './modules/units/units.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import type { AppDeps } from './types.ts';
import { APP_VERSION } from './version.ts';

export interface BuildAppOptions {
  db: Db;
  config: AppConfig;
  logger?: boolean | object;
}

/** Composes the server: every feature module registers its routes here. */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: opts.config.trustProxy,
  });
  const deps: AppDeps = { db: opts.db, config: opts.config };
  app.decorate('deps', deps);
  installErrorHandler(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Document pages carry a <style> block shared with the PDF renderer's sizes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: opts.config.secureCookies,
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Không Viết API',
        version: APP_VERSION,
        description: 'API của hệ thống một cửa Không Viết',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'kv_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installAuth(app);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(unitRoutes);
  await app.register(userRoutes);
  await app.register(templateRoutes);
  await app.register(procedureRoutes);
  await app.register(dossierRoutes);
  await app.register(citizenRoutes);
  await app.register(portalRoutes);
  await app.register(statsRoutes);
  await app.register(addressRoutes);
  await app.register(cccdRoutes);
  await app.register(liveRoutes);
  await app.register(logbookRoutes);
  await app.register(attachmentRoutes);
  await installWebStatic(app);
  return app;
}
