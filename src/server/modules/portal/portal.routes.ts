import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RatingInput, RatingStage, SubmissionInput } from '../../../core/api/portal.ts';
import { type DossierStatus, STATUS_INFO } from '../../../core/dossier/states.ts';
import { matchesQuery } from '../../../core/text/fold.ts';
import { HttpError, notFound, parseInput } from '../../http/errors.ts';
import { enforceRateLimit } from '../../http/rate-limit.ts';
import { requireRole } from '../auth/auth.guard.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import { hashToken, safeEqual } from '../auth/tokens.ts';
import { recordEvent } from '../events/events.repo.ts';
import { toProcedureView } from '../procedures/procedures.repo.ts';
import { invalidValues } from '../templates/document-output.ts';
import { findTemplate } from '../templates/template-store.ts';
import { createSubmission, recordRating } from './portal.service.ts';

const SUBMIT_LIMIT = { bucket: 'public-submit', max: 10, windowSeconds: 600 };
const READ_LIMIT = { bucket: 'public-read', max: 120, windowSeconds: 60 };
const RATE_LIMIT = { bucket: 'public-rating', max: 20, windowSeconds: 600 };

const PrefillParams = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6,12}$/, 'Mã khai trước không hợp lệ'),
});
const DossierParams = z.object({
  code: z.string().regex(/^[0-9A-Z.]{5,30}-\d{6}-\d{4,}$/, 'Mã hồ sơ không hợp lệ'),
});
const SecretQuery = z.object({ secret: z.string().max(100).optional() });
const PublicRatingBody = RatingInput.extend({ stage: RatingStage.default('result') });
const SupplementBody = z.object({
  secret: z.string({ error: 'Thiếu mã bí mật của hồ sơ' }).min(10).max(100),
  note: z.string().trim().min(1, 'Vui lòng nêu nội dung bổ sung').max(2000),
});

const TemplateParams = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/, 'Mã mẫu không hợp lệ') });

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;
  const tags = ['public'];

  app.get('/api/public/units', { schema: { tags, summary: 'Nơi nộp hồ sơ' } }, async (request) => {
    await enforceRateLimit(db, request, READ_LIMIT);
    const rows = await db
      .selectFrom('units')
      .select(['id', 'name', 'kind', 'parent_id', 'address', 'phone'])
      .where('active', '=', 1)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('unit_procedures')
            .select('unit_id')
            .whereRef('unit_procedures.unit_id', '=', 'units.id'),
        ),
      )
      .orderBy('name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      parentId: r.parent_id,
      address: r.address,
      phone: r.phone,
    }));
  });

  app.get(
    '/api/public/procedures',
    { schema: { tags, summary: 'Thủ tục theo lĩnh vực và đơn vị' } },
    async (request) => {
      await enforceRateLimit(db, request, READ_LIMIT);
      const q = parseInput(
        z.object({
          unitId: z.coerce.number().int().positive().optional(),
          q: z.string().max(100).optional(),
        }),
        request.query,
      );
      let query = db.selectFrom('procedures').selectAll('procedures').where('procedures.active', '=', 1);
      if (q.unitId) {
        query = query
          .innerJoin('unit_procedures', 'unit_procedures.procedure_id', 'procedures.id')
          .where('unit_procedures.unit_id', '=', q.unitId);
      }
      const rows = (await query.orderBy('field').orderBy('name').execute()).map(toProcedureView);
      const text = q.q?.trim();
      return text ? rows.filter((p) => matchesQuery(`${p.name} ${p.code} ${p.field}`, text)) : rows;
    },
  );

  app.get(
    '/api/public/templates/:id',
    { schema: { tags, summary: 'Mẫu đơn để khai trực tuyến' } },
    async (request) => {
      await enforceRateLimit(db, request, READ_LIMIT);
      const { id } = parseInput(TemplateParams, request.params);
      const t = await findTemplate(db, id);
      if (!t) throw notFound('Không tìm thấy mẫu đơn');
      const { samples: _samples, ...definition } = t;
      return definition;
    },
  );

  app.post(
    '/api/public/submissions',
    {
      schema: { tags, summary: 'Nộp tờ khai trực tuyến hoặc khai trước để mang đến quầy' },
      bodyLimit: 256 * 1024,
    },
    async (request, reply) => {
      await enforceRateLimit(db, request, SUBMIT_LIMIT);
      const input = parseInput(SubmissionInput, request.body);
      const result = await createSubmission(db, input, request.ip);
      if ('error' in result) {
        switch (result.error) {
          case 'unit_not_found':
            throw new HttpError(422, 'Không có nơi nộp hồ sơ này', 'unitId');
          case 'procedure_not_found':
            throw new HttpError(422, 'Không có thủ tục này', 'procedureCode');
          case 'procedure_not_served':
            throw new HttpError(422, 'Đơn vị này không tiếp nhận thủ tục đã chọn', 'procedureCode');
          case 'invalid_values':
            throw invalidValues(result.errors);
        }
      }
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/prefills/:code',
    { schema: { tags: ['dossiers'], summary: 'Mở tờ khai công dân đã khai trước (theo mã)' } },
    async (request) => {
      const auth = requireRole(request, 'officer', 'admin');
      const { code } = parseInput(PrefillParams, request.params);
      const p = await db.selectFrom('prefills').selectAll().where('code', '=', code).executeTakeFirst();
      if (!p || !canSeeUnit(auth.scope, p.unit_id)) throw notFound('Không tìm thấy tờ khai với mã này');
      if (p.used_at)
        throw new HttpError(410, `Mã ${code} đã được dùng để tiếp nhận hồ sơ ${p.dossier_code ?? ''}`.trim());
      if (p.expires_at < new Date().toISOString())
        throw new HttpError(410, `Mã ${code} đã hết hạn, công dân cần khai lại`);
      await recordEvent(db, {
        actorUserId: auth.user.id,
        unitId: p.unit_id,
        entityType: 'prefill',
        entityId: code,
        action: 'open',
        ip: request.ip,
      });
      return {
        code: p.code,
        unitId: p.unit_id,
        procedureCode: p.procedure_code,
        templateId: p.template_id,
        templateVersion: p.template_version,
        values: JSON.parse(p.values),
        createdAt: p.created_at,
      };
    },
  );

  app.get(
    '/api/public/dossiers/:code/details',
    { schema: { tags, summary: 'Chi tiết hồ sơ trực tuyến (cần mã bí mật)' } },
    async (request) => {
      await enforceRateLimit(db, request, READ_LIMIT);
      const { code } = parseInput(DossierParams, request.params);
      const { secret } = parseInput(SecretQuery, request.query);
      const d = await db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
      // A wrong secret answers exactly like an unknown code: nothing about the dossier leaks.
      if (!d?.public_secret_hash || !secret || !safeEqual(hashToken(secret), d.public_secret_hash)) {
        throw notFound('Không tìm thấy hồ sơ với mã và mã bí mật này');
      }
      const events = await db
        .selectFrom('events')
        .select(['at', 'action', 'to_state', 'data'])
        .where('entity_type', '=', 'dossier')
        .where('entity_id', '=', code)
        .orderBy('id')
        .execute();
      const status = d.status as DossierStatus;
      const lastReason = [...events]
        .reverse()
        .find((e) => e.action === 'refuse' || e.action === 'request_supplement');
      const reasonData = lastReason?.data
        ? (JSON.parse(lastReason.data) as { reason?: string; missing?: string[] })
        : null;
      return {
        code,
        status,
        statusLabel: STATUS_INFO[status].label,
        receivedAt: d.received_at,
        dueAt: d.due_at,
        reason: reasonData?.reason ?? null,
        missing: reasonData?.missing ?? [],
        history: events.map((e) => ({ at: e.at, action: e.action, status: e.to_state })),
      };
    },
  );

  app.post(
    '/api/public/dossiers/:code/supplement',
    { schema: { tags, summary: 'Công dân bổ sung hồ sơ trực tuyến' } },
    async (request, reply) => {
      await enforceRateLimit(db, request, SUBMIT_LIMIT);
      const { code } = parseInput(DossierParams, request.params);
      const body = parseInput(SupplementBody, request.body);
      const d = await db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
      if (!d?.public_secret_hash || !safeEqual(hashToken(body.secret), d.public_secret_hash)) {
        throw notFound('Không tìm thấy hồ sơ với mã và mã bí mật này');
      }
      if (d.status !== 'supplement_requested')
        throw new HttpError(409, 'Hồ sơ không ở trạng thái chờ bổ sung');
      await recordEvent(db, {
        actorUserId: null,
        unitId: d.unit_id,
        entityType: 'dossier',
        entityId: code,
        action: 'supplement_submitted',
        data: { note: body.note },
        ip: request.ip,
      });
      return reply.status(201).send({ ok: true });
    },
  );

  app.post(
    '/api/public/dossiers/:code/rating',
    { schema: { tags, summary: 'Đánh giá mức độ hài lòng' } },
    async (request, reply) => {
      await enforceRateLimit(db, request, RATE_LIMIT);
      const { code } = parseInput(DossierParams, request.params);
      const body = parseInput(PublicRatingBody, request.body);
      if (body.stage !== 'result')
        throw new HttpError(422, 'Trang tra cứu chỉ đánh giá khâu trả kết quả', 'stage');
      const r = await recordRating(db, {
        dossierCode: code,
        stage: 'result',
        input: body,
        source: 'tracking',
        ip: request.ip,
      });
      if ('error' in r) {
        if (r.error === 'not_found') throw notFound('Không tìm thấy hồ sơ');
        if (r.error === 'already_rated')
          throw new HttpError(409, 'Hồ sơ này đã được đánh giá, cảm ơn ông/bà');
        throw new HttpError(409, r.message);
      }
      return reply.status(201).send({ ok: true });
    },
  );

  app.post(
    '/api/dossiers/:code/rating',
    { schema: { tags: ['dossiers'], summary: 'Đánh giá tại quầy (màn hình/máy tính bảng của quầy)' } },
    async (request, reply) => {
      const auth = requireRole(request, 'officer', 'admin');
      const { code } = parseInput(DossierParams, request.params);
      const body = parseInput(RatingInput, request.body);
      const d = await db
        .selectFrom('dossiers')
        .select(['unit_id'])
        .where('code', '=', code)
        .executeTakeFirst();
      if (!d || !canSeeUnit(auth.scope, d.unit_id)) throw notFound('Không tìm thấy hồ sơ');
      const r = await recordRating(db, {
        dossierCode: code,
        stage: 'receipt',
        input: body,
        source: 'counter',
        ip: request.ip,
      });
      if ('error' in r) {
        if (r.error === 'not_found') throw notFound('Không tìm thấy hồ sơ');
        if (r.error === 'already_rated') throw new HttpError(409, 'Hồ sơ này đã được đánh giá');
        throw new HttpError(409, r.message);
      }
      return reply.status(201).send({ ok: true });
    },
  );
}
