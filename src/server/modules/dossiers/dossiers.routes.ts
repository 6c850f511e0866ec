import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DocumentKind } from '../../../core/api/procedures.ts';
import { DossierAction, DossierStatus } from '../../../core/dossier/states.ts';
import { maskName } from '../../../core/text/person-name.ts';
import { HttpError, notFound, parseInput } from '../../http/errors.ts';
import { enforceRateLimit } from '../../http/rate-limit.ts';
import { renderPdf } from '../../pdf/render-pdf.ts';
import type { AuthContext } from '../../types.ts';
import { requireAuth, requireRole } from '../auth/auth.guard.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import { findProcedureByCode, toProcedureView } from '../procedures/procedures.repo.ts';
import { invalidValues } from '../templates/document-output.ts';
import { applyAction, type DossierRow, receiveDossier } from './dossiers.service.ts';
import { toDossierView } from './dossiers.view.ts';
import { buildReceiptDocument } from './receipt.ts';
import { buildSlipDocument, dossierEvents, SLIP_KINDS, slipFileName } from './slips.ts';

const ReceiveBody = z.object({
  procedureCode: z.string({ error: 'Vui lòng chọn thủ tục' }).regex(/^\d\.\d{6}$/, 'Mã thủ tục không hợp lệ'),
  values: z.record(z.string(), z.unknown(), { error: 'Thiếu nội dung tờ khai (values)' }),
  documents: z
    .array(
      z.object({
        name: z.string().trim().min(1, 'Vui lòng nhập tên giấy tờ').max(300),
        kind: DocumentKind,
        count: z.number().int().min(1, 'Số lượng ít nhất là 1').max(100),
      }),
    )
    .max(40)
    .optional(),
  draftId: z
    .string()
    .regex(/^[\w-]{8,64}$/, 'Mã bản nháp không hợp lệ')
    .optional(),
  prefillCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6,12}$/, 'Mã khai trước không hợp lệ')
    .optional(),
  channel: z.enum(['in_person', 'post']).default('in_person'),
  unitId: z.number().int().positive().optional(),
  counterId: z.number().int().positive().optional(),
});

const ActionBody = z.object({
  action: DossierAction,
  reason: z.string().trim().max(2000).optional(),
  missing: z.array(z.string().trim().min(1).max(300)).max(30).optional(),
  /** For 'apologise': the new appointment, an ISO instant. */
  newDueAt: z.iso.datetime({ offset: true, error: 'Ngày hẹn trả kết quả mới không hợp lệ' }).optional(),
});

const CodeParams = z.object({
  code: z.string().regex(/^[0-9A-Z.]{5,30}-\d{6}-\d{4,}$/, 'Mã hồ sơ không hợp lệ'),
});

const ListQuery = z.object({
  status: DossierStatus.optional(),
  procedureCode: z.string().optional(),
  counterId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  dueWithinDays: z.coerce.number().int().min(0).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const SlipParams = CodeParams.extend({
  kind: z.enum(SLIP_KINDS, { error: 'Không có loại phiếu này' }),
});

const DOSSIER_NOT_FOUND = 'Không tìm thấy hồ sơ';
export const PUBLIC_TRACKING_LIMIT = { bucket: 'public-tracking', max: 30, windowSeconds: 60 };

function trackingUrl(request: FastifyRequest, code: string): string {
  const base = request.server.deps.config.publicUrl ?? `${request.protocol}://${request.host}`;
  return `${base.replace(/\/$/, '')}/tra-cuu?ma=${encodeURIComponent(code)}`;
}

export async function dossierRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;
  const tags = ['dossiers'];

  async function visibleDossier(auth: AuthContext, code: string): Promise<DossierRow> {
    const d = await db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
    if (!d || !canSeeUnit(auth.scope, d.unit_id)) throw notFound(DOSSIER_NOT_FOUND);
    return d;
  }

  app.post('/api/dossiers', { schema: { tags, summary: 'Tiếp nhận hồ sơ' } }, async (request, reply) => {
    const auth = requireRole(request, 'officer', 'admin');
    const body = parseInput(ReceiveBody, request.body);
    const unitId = body.unitId ?? (auth.user.unitIds.length === 1 ? auth.user.unitIds[0] : undefined);
    if (unitId === undefined) throw new HttpError(422, 'Vui lòng chọn đơn vị tiếp nhận', 'unitId');
    if (!canSeeUnit(auth.scope, unitId)) throw notFound('Không tìm thấy đơn vị');
    const result = await receiveDossier(db, {
      procedureCode: body.procedureCode,
      values: body.values,
      ...(body.documents ? { documents: body.documents } : {}),
      ...(body.draftId ? { draftId: body.draftId } : {}),
      ...(body.prefillCode ? { prefillCode: body.prefillCode } : {}),
      ...(body.counterId ? { counterId: body.counterId } : {}),
      channel: body.channel,
      unitId,
      officerId: auth.user.id,
      ip: request.ip,
    });
    if ('error' in result) {
      switch (result.error) {
        case 'procedure_not_found':
          throw new HttpError(422, 'Không có thủ tục này trong danh mục', 'procedureCode');
        case 'procedure_not_served':
          throw new HttpError(422, 'Đơn vị không tiếp nhận thủ tục này', 'procedureCode');
        case 'counter_not_found':
          throw new HttpError(422, 'Quầy không thuộc đơn vị tiếp nhận', 'counterId');
        case 'template_missing':
          throw new HttpError(422, 'Thủ tục chưa có mẫu đơn', 'procedureCode');
        case 'invalid_values':
          throw invalidValues(result.errors);
        case 'prefill_used':
          throw new HttpError(
            409,
            'Tờ khai trực tuyến này đã được tiếp nhận, không thể tiếp nhận lần nữa',
            'prefillCode',
          );
      }
    }
    const d = result.dossier;
    return reply.status(result.replay ? 200 : 201).send({
      code: d.code,
      status: d.status,
      receivedAt: d.received_at,
      dueAt: d.due_at,
      logbook: { year: d.logbook_year, number: d.logbook_number },
      replay: result.replay,
    });
  });

  app.get(
    '/api/dossiers',
    { schema: { tags, summary: 'Danh sách hồ sơ (hàng đợi xử lý)' } },
    async (request) => {
      const auth = requireAuth(request);
      const q = parseInput(ListQuery, request.query);
      let query = db.selectFrom('dossiers').selectAll();
      if (!auth.scope.all) query = query.where('unit_id', 'in', [...auth.scope.unitIds, -1]);
      if (q.unitId) query = query.where('unit_id', '=', q.unitId);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.procedureCode) query = query.where('procedure_code', '=', q.procedureCode);
      if (q.counterId) query = query.where('counter_id', '=', q.counterId);
      if (q.from) query = query.where('created_at', '>=', q.from);
      if (q.to) query = query.where('created_at', '<=', q.to);
      if (q.dueWithinDays !== undefined) {
        query = query
          .where('due_at', '<=', new Date(Date.now() + q.dueWithinDays * 86_400_000).toISOString())
          .where('status', 'in', ['received', 'processing', 'supplement_requested', 'awaiting_payment']);
      }
      const rows = await query.orderBy('due_at').orderBy('id').limit(q.limit).execute();
      const now = new Date();
      return rows.map((r) => {
        const { values: _v, ...view } = toDossierView(r, now);
        return view;
      });
    },
  );

  app.get('/api/dossiers/:code', { schema: { tags, summary: 'Một hồ sơ' } }, async (request) => {
    const auth = requireAuth(request);
    const { code } = parseInput(CodeParams, request.params);
    return toDossierView(await visibleDossier(auth, code));
  });

  app.get(
    '/api/dossiers/:code/events',
    { schema: { tags, summary: 'Quá trình giải quyết hồ sơ' } },
    async (request) => {
      const auth = requireAuth(request);
      const { code } = parseInput(CodeParams, request.params);
      await visibleDossier(auth, code);
      return (await dossierEvents(db, code)).map(({ actorRole: _role, ...e }) => e);
    },
  );

  app.post(
    '/api/dossiers/:code/actions',
    { schema: { tags, summary: 'Chuyển trạng thái hồ sơ' } },
    async (request) => {
      const auth = requireAuth(request);
      const { code } = parseInput(CodeParams, request.params);
      const body = parseInput(ActionBody, request.body);
      const d = await visibleDossier(auth, code);
      const result = await applyAction(db, d.id, body, {
        userId: auth.user.id,
        role: auth.role,
        ip: request.ip,
      });
      if ('error' in result) {
        if (result.error === 'not_found') throw notFound(DOSSIER_NOT_FOUND);
        if (result.error === 'forbidden_role') throw new HttpError(403, result.message);
        if (result.error === 'reason_required') throw new HttpError(422, result.message, 'reason');
        if (result.error === 'invalid_new_due') throw new HttpError(422, result.message, 'newDueAt');
        throw new HttpError(409, result.message, 'action');
      }
      return toDossierView(result);
    },
  );

  app.get(
    '/api/dossiers/:code/receipt.pdf',
    { schema: { tags, summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)' } },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { code } = parseInput(CodeParams, request.params);
      const d = await visibleDossier(auth, code);
      if (!d.received_at || !d.due_at)
        throw new HttpError(409, 'Hồ sơ chưa được tiếp nhận nên chưa có giấy hẹn');
      const [unit, procedure, officer] = await Promise.all([
        db.selectFrom('units').select('name').where('id', '=', d.unit_id).executeTakeFirstOrThrow(),
        findProcedureByCode(db, d.procedure_code),
        d.officer_id
          ? db.selectFrom('users').select('full_name').where('id', '=', d.officer_id).executeTakeFirst()
          : undefined,
      ]);
      if (!procedure) throw notFound('Không tìm thấy thủ tục của hồ sơ');
      const doc = await buildReceiptDocument(db, {
        dossier: d,
        unitName: unit.name,
        procedure: toProcedureView(procedure),
        officerName: officer?.full_name ?? null,
        trackingUrl: trackingUrl(request, d.code),
      });
      const pdf = await renderPdf(doc);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="giay-hen-${d.code}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/api/dossiers/:code/slips/:kind.pdf',
    {
      schema: {
        tags,
        summary: 'Phiếu một cửa của hồ sơ (PDF): bo-sung, tu-choi, xin-loi, kiem-soat',
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const params = request.params as Record<string, unknown>;
      const { code, kind } = parseInput(SlipParams, params);
      const d = await visibleDossier(auth, code);
      const [unit, procedure, events] = await Promise.all([
        db
          .selectFrom('units')
          .select(['name', 'phone'])
          .where('id', '=', d.unit_id)
          .executeTakeFirstOrThrow(),
        findProcedureByCode(db, d.procedure_code),
        dossierEvents(db, d.code),
      ]);
      const doc = await buildSlipDocument(db, kind, {
        dossier: d,
        unitName: unit.name,
        unitPhone: unit.phone,
        procedureName: procedure?.name ?? d.procedure_code,
        events,
      });
      if ('error' in doc) {
        if (doc.error === 'no_event') throw new HttpError(409, doc.message);
        throw notFound('Chưa có mẫu phiếu này trong thư viện mẫu');
      }
      const pdf = await renderPdf(doc);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${slipFileName(kind, d.code)}"`)
        .send(pdf);
    },
  );

  app.get(
    '/api/public/dossiers/:code',
    { schema: { tags: ['public'], summary: 'Tra cứu hồ sơ (công khai)' } },
    async (request) => {
      await enforceRateLimit(db, request, PUBLIC_TRACKING_LIMIT);
      const parsed = CodeParams.safeParse(request.params);
      if (!parsed.success)
        throw new HttpError(404, 'Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã trên giấy hẹn');
      const d = await db
        .selectFrom('dossiers')
        .selectAll()
        .where('code', '=', parsed.data.code)
        .executeTakeFirst();
      if (!d)
        throw new HttpError(404, 'Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã trên giấy hẹn');
      const [unit, procedure] = await Promise.all([
        db.selectFrom('units').select('name').where('id', '=', d.unit_id).executeTakeFirstOrThrow(),
        findProcedureByCode(db, d.procedure_code),
      ]);
      const view = toDossierView(d);
      return {
        code: d.code,
        status: view.status,
        statusLabel: view.statusLabel,
        procedure: procedure?.name ?? d.procedure_code,
        unit: unit.name,
        receivedAt: d.received_at,
        dueAt: d.due_at,
        finishedAt: d.finished_at,
        returnedAt: d.returned_at,
        applicantName: maskName(d.applicant_name),
        onTime: view.onTime,
      };
    },
  );
}
