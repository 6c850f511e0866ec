import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { APP_VERSION } from '../../version.ts';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Tình trạng hệ thống' } },
    async (_request, reply) => {
      const { db } = app.deps;
      try {
        await sql`select 1`.execute(db.kysely);
      } catch {
        return reply.status(503).send({
          status: 'error',
          database: db.kind,
          version: APP_VERSION,
          message: 'Không kết nối được cơ sở dữ liệu',
        });
      }
      return { status: 'ok', database: db.kind, version: APP_VERSION };
    },
  );
}
