import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../../http/errors.ts';
import { requireRole } from '../auth/auth.guard.ts';
import '../dossiers/dossiers.tables.ts';
import { recordEvent } from '../events/events.repo.ts';
import { findPersonBlocks } from './person-blocks.ts';

const IdParams = z.object({
  idNumber: z.string().regex(/^\d{12}$/, 'Số định danh cá nhân phải có 12 chữ số'),
});

/**
 * Returning citizens: values a citizen gave in earlier dossiers at the caller's units, offered for reuse
 * field by field. Every lookup is logged as an access to personal data (who, when, which citizen).
 */
export async function citizenRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;

  app.get(
    '/api/citizens/:idNumber/prefill',
    { schema: { tags: ['citizens'], summary: 'Thông tin công dân từ hồ sơ trước (ghi nhật ký truy cập)' } },
    async (request) => {
      const auth = requireRole(request, 'officer', 'processor', 'admin');
      const { idNumber } = parseInput(IdParams, request.params);
      let query = db
        .selectFrom('dossiers')
        .select(['code', 'unit_id', 'received_at', 'created_at', 'values'])
        .where('values', 'like', `%${idNumber}%`)
        .orderBy('created_at', 'desc')
        .limit(20);
      if (!auth.scope.all) query = query.where('unit_id', 'in', [...auth.scope.unitIds, -1]);
      const rows = await query.execute();
      const candidates = rows.flatMap((r) =>
        findPersonBlocks(JSON.parse(r.values), idNumber).map((p) => ({
          dossierCode: r.code,
          at: r.received_at ?? r.created_at,
          path: p.path,
          values: p.values,
        })),
      );
      await recordEvent(db, {
        actorUserId: auth.user.id,
        entityType: 'citizen',
        entityId: idNumber,
        action: 'personal_data_access',
        data: { purpose: 'prefill', dossiers: rows.map((r) => r.code) },
        ip: request.ip,
      });
      return { idNumber, candidates };
    },
  );

  app.get(
    '/api/citizens/:idNumber/access-log',
    { schema: { tags: ['citizens'], summary: 'Ai đã xem dữ liệu cá nhân của công dân này' } },
    async (request) => {
      requireRole(request, 'admin', 'leader');
      const { idNumber } = parseInput(IdParams, request.params);
      const rows = await db
        .selectFrom('events')
        .leftJoin('users', 'users.id', 'events.actor_user_id')
        .select(['events.at', 'events.ip', 'events.data', 'users.username', 'users.full_name'])
        .where('events.entity_type', '=', 'citizen')
        .where('events.entity_id', '=', idNumber)
        .where('events.action', '=', 'personal_data_access')
        .orderBy('events.id', 'desc')
        .execute();
      return rows.map((r) => ({
        at: r.at,
        ip: r.ip,
        username: r.username,
        fullName: r.full_name,
        data: r.data ? JSON.parse(r.data) : null,
      }));
    },
  );
}
