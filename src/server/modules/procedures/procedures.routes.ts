import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { ProcedureInput, ProcedureUpdate } from '../../../core/api/procedures.ts';
import { DayOverride } from '../../../core/calendar/DayOverride.ts';
import { computeDueAt } from '../../../core/calendar/due-date.ts';
import { conflict, HttpError, notFound, parseInput } from '../../http/errors.ts';
import { requireAuth, requireRole } from '../auth/auth.guard.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import { recordEvent } from '../events/events.repo.ts';
import { findTemplate } from '../templates/template-store.ts';
import { findUnit } from '../units/units.repo.ts';
import { loadOverrides } from './calendar.service.ts';
import { findProcedureByCode, procedureRow, toProcedureView } from './procedures.repo.ts';

const CodeParams = z.object({ code: z.string().regex(/^\d\.\d{6}$/, 'Mã thủ tục không hợp lệ') });
const UnitQuery = z.object({ unitId: z.coerce.number().int().positive('Mã đơn vị không hợp lệ').optional() });
const UnitParams = z.object({ id: z.coerce.number().int().positive('Mã không hợp lệ') });
const UnitProcedures = z.object({
  codes: z.array(z.string().regex(/^\d\.\d{6}$/, 'Mã thủ tục không hợp lệ')),
});
const DueQuery = z
  .object({
    from: z.iso.datetime({
      offset: true,
      error: 'from phải là thời điểm ISO, ví dụ 2026-03-02T08:30:00+07:00',
    }),
    workingDays: z.coerce.number().int().min(0, 'Số ngày làm việc không hợp lệ').max(365).optional(),
    procedureCode: z
      .string()
      .regex(/^\d\.\d{6}$/, 'Mã thủ tục không hợp lệ')
      .optional(),
  })
  .refine((q) => q.workingDays !== undefined || q.procedureCode !== undefined, {
    message: 'Cần workingDays hoặc procedureCode',
    path: ['workingDays'],
  });
const PROCEDURE_NOT_FOUND = 'Không tìm thấy thủ tục';

export async function procedureRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;
  const tags = ['procedures'];

  app.get(
    '/api/procedures',
    { schema: { tags, summary: 'Thủ tục (của một đơn vị: thường dùng trước)' } },
    async (request) => {
      const auth = requireAuth(request);
      const { unitId } = parseInput(UnitQuery, request.query);
      if (unitId === undefined) {
        const rows = await db
          .selectFrom('procedures')
          .selectAll()
          .where('active', '=', 1)
          .orderBy('field')
          .orderBy('name')
          .execute();
        return rows.map(toProcedureView);
      }
      if (!canSeeUnit(auth.scope, unitId) || !(await findUnit(db, unitId)))
        throw notFound('Không tìm thấy đơn vị');
      const since = new Date(Date.now() - 90 * 86_400_000).toISOString();
      const rows = await db
        .selectFrom('procedures')
        .innerJoin('unit_procedures', 'unit_procedures.procedure_id', 'procedures.id')
        .selectAll('procedures')
        .select((eb) =>
          eb
            .selectFrom('dossiers')
            .select(sql<number>`count(*)`.as('n'))
            .whereRef('dossiers.procedure_code', '=', 'procedures.code')
            .where('dossiers.unit_id', '=', unitId)
            .where('dossiers.created_at', '>', since)
            .as('uses'),
        )
        .where('unit_procedures.unit_id', '=', unitId)
        .where('procedures.active', '=', 1)
        .execute();
      rows.sort((a, b) => Number(b.uses ?? 0) - Number(a.uses ?? 0) || a.name.localeCompare(b.name, 'vi'));
      return rows.map(({ uses, ...r }) => ({ ...toProcedureView(r), uses: Number(uses ?? 0) }));
    },
  );

  app.get('/api/procedures/:code', { schema: { tags, summary: 'Một thủ tục' } }, async (request) => {
    requireAuth(request);
    const { code } = parseInput(CodeParams, request.params);
    const row = await findProcedureByCode(db, code);
    if (!row) throw notFound(PROCEDURE_NOT_FOUND);
    return toProcedureView(row);
  });

  app.post(
    '/api/procedures',
    { schema: { tags, summary: 'Thêm thủ tục (quản trị)' } },
    async (request, reply) => {
      const auth = requireRole(request, 'admin');
      const input = parseInput(ProcedureInput, request.body);
      if (!(await findTemplate(db, input.templateId)))
        throw new HttpError(422, 'Mẫu đơn không tồn tại', 'templateId');
      const row = await db.transaction().execute(async (trx) => {
        if (await findProcedureByCode(trx, input.code)) return undefined;
        const created = await trx
          .insertInto('procedures')
          .values(procedureRow(input, new Date().toISOString()))
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvent(trx, {
          actorUserId: auth.user.id,
          entityType: 'procedure',
          entityId: input.code,
          action: 'create',
          data: input,
          ip: request.ip,
        });
        return created;
      });
      if (!row) throw conflict('Mã thủ tục đã có trong danh mục', 'code');
      return reply.status(201).send(toProcedureView(row));
    },
  );

  app.patch(
    '/api/procedures/:code',
    { schema: { tags, summary: 'Sửa thủ tục (quản trị)' } },
    async (request) => {
      const auth = requireRole(request, 'admin');
      const { code } = parseInput(CodeParams, request.params);
      const input = parseInput(ProcedureUpdate, request.body);
      if (input.templateId && !(await findTemplate(db, input.templateId))) {
        throw new HttpError(422, 'Mẫu đơn không tồn tại', 'templateId');
      }
      const row = await db.transaction().execute(async (trx) => {
        if (!(await findProcedureByCode(trx, code))) return undefined;
        const updated = await trx
          .updateTable('procedures')
          .set({
            ...(input.name !== undefined && { name: input.name.normalize('NFC') }),
            ...(input.field !== undefined && { field: input.field }),
            ...(input.templateId !== undefined && { template_id: input.templateId }),
            ...(input.processingDays !== undefined && { processing_days: input.processingDays }),
            ...(input.sameDay !== undefined && { same_day: input.sameDay ? 1 : 0 }),
            ...(input.fees !== undefined && { fees: JSON.stringify(input.fees) }),
            ...(input.documents !== undefined && { documents: JSON.stringify(input.documents) }),
            ...(input.resultDelivery !== undefined && { result_delivery: input.resultDelivery }),
            ...(input.legalBasis !== undefined && { legal_basis: input.legalBasis }),
            ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
            updated_at: new Date().toISOString(),
          })
          .where('code', '=', code)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvent(trx, {
          actorUserId: auth.user.id,
          entityType: 'procedure',
          entityId: code,
          action: 'update',
          data: input,
          ip: request.ip,
        });
        return updated;
      });
      if (!row) throw notFound(PROCEDURE_NOT_FOUND);
      return toProcedureView(row);
    },
  );

  app.put(
    '/api/units/:id/procedures',
    { schema: { tags, summary: 'Chọn thủ tục đơn vị tiếp nhận (quản trị)' } },
    async (request) => {
      const auth = requireRole(request, 'admin');
      const { id } = parseInput(UnitParams, request.params);
      const { codes } = parseInput(UnitProcedures, request.body);
      if (!(await findUnit(db, id))) throw notFound('Không tìm thấy đơn vị');
      const procs = codes.length
        ? await db.selectFrom('procedures').select(['id', 'code']).where('code', 'in', codes).execute()
        : [];
      const missing = codes.filter((c) => !procs.some((p) => p.code === c));
      if (missing.length > 0) throw new HttpError(422, `Không có thủ tục mã ${missing.join(', ')}`, 'codes');
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('unit_procedures').where('unit_id', '=', id).execute();
        if (procs.length)
          await trx
            .insertInto('unit_procedures')
            .values(procs.map((p) => ({ unit_id: id, procedure_id: p.id })))
            .execute();
        await recordEvent(trx, {
          actorUserId: auth.user.id,
          unitId: id,
          entityType: 'unit',
          entityId: id,
          action: 'set_procedures',
          data: { codes },
          ip: request.ip,
        });
      });
      return { unitId: id, codes };
    },
  );

  app.get(
    '/api/calendar/due',
    { schema: { tags: ['calendar'], summary: 'Tính ngày hẹn trả kết quả' } },
    async (request) => {
      requireAuth(request);
      const q = parseInput(DueQuery, request.query);
      let workingDays = q.workingDays;
      if (workingDays === undefined && q.procedureCode) {
        const p = await findProcedureByCode(db, q.procedureCode);
        if (!p) throw notFound(PROCEDURE_NOT_FOUND);
        workingDays = p.same_day ? 0 : p.processing_days;
      }
      const dueAt = computeDueAt({
        receivedAt: new Date(q.from),
        workingDays: workingDays ?? 0,
        overrides: await loadOverrides(db),
      });
      return { dueAt: dueAt.toISOString(), workingDays };
    },
  );

  app.get(
    '/api/calendar/overrides',
    { schema: { tags: ['calendar'], summary: 'Ngày nghỉ, ngày làm bù đã công bố' } },
    async (request) => {
      requireAuth(request);
      return loadOverrides(db);
    },
  );

  app.post(
    '/api/calendar/overrides',
    { schema: { tags: ['calendar'], summary: 'Thêm ngày nghỉ / làm bù (quản trị)' } },
    async (request, reply) => {
      const auth = requireRole(request, 'admin');
      const o = parseInput(DayOverride, request.body);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('calendar_overrides').where('date', '=', o.date).execute();
        await trx
          .insertInto('calendar_overrides')
          .values({
            date: o.date,
            kind: o.kind,
            note: o.note ?? null,
            created_by: auth.user.id,
            created_at: new Date().toISOString(),
          })
          .execute();
        await recordEvent(trx, {
          actorUserId: auth.user.id,
          entityType: 'calendar',
          entityId: o.date,
          action: 'set_override',
          toState: o.kind,
          data: o,
          ip: request.ip,
        });
      });
      return reply.status(201).send(o);
    },
  );
}
