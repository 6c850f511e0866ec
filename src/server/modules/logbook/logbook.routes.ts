import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { LogbookView } from '../../../core/api/logbook.ts';
import { HttpError, notFound, parseInput } from '../../http/errors.ts';
import { requireAuth } from '../auth/auth.guard.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import { buildLogbook, currentMonth } from './logbook.service.ts';
import { logbookWorkbook } from './logbook.xlsx.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng năm-tháng-ngày (2025-06-30)');
const Params = z.object({ id: z.coerce.number().int().positive('Mã đơn vị không hợp lệ') });
const Query = z.object({ from: Day.optional(), to: Day.optional() });

export async function logbookRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;
  const tags = ['dossiers'];

  async function load(request: FastifyRequest): Promise<LogbookView> {
    const auth = requireAuth(request);
    const { id } = parseInput(Params, request.params);
    const q = parseInput(Query, request.query);
    const unit = await db.selectFrom('units').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
    if (!unit || !canSeeUnit(auth.scope, id)) throw notFound('Không tìm thấy đơn vị');
    const month = currentMonth();
    const period = { from: q.from ?? month.from, to: q.to ?? month.to };
    if (period.from > period.to) throw new HttpError(422, 'Từ ngày phải trước hoặc bằng đến ngày', 'to');
    return buildLogbook(db, unit, period);
  }

  app.get(
    '/api/units/:id/logbook',
    { schema: { tags, summary: 'Sổ theo dõi hồ sơ của đơn vị (from, to: ngày địa phương)' } },
    (request) => load(request),
  );

  app.get(
    '/api/units/:id/logbook.xlsx',
    { schema: { tags, summary: 'Sổ theo dõi hồ sơ (Excel)' } },
    async (request, reply) => {
      const view = await load(request);
      const file = await logbookWorkbook(view);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="so-theo-doi-ho-so-${view.from}-${view.to}.xlsx"`,
        )
        .send(file);
    },
  );
}
