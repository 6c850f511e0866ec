import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { DocumentModel } from '../../../core/document/DocumentModel.ts';
import { renderDocumentHtml } from '../../../core/document/render-html.tsx';
import type { FormTemplate } from '../../../core/forms/FormTemplate.ts';
import { HttpError, notFound, parseInput } from '../../http/errors.ts';
import { renderPdf } from '../../pdf/render-pdf.ts';
import { requireAuth, requireRole } from '../auth/auth.guard.ts';
import { documentFor } from './document-output.ts';
import { findTemplate, importTemplate, listTemplates, listVersions } from './template-store.ts';

const IdParams = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/, 'Mã mẫu không hợp lệ') });
const VersionQuery = z.object({
  version: z.coerce.number().int().positive('Phiên bản không hợp lệ').optional(),
});
const RenderQuery = z.object({
  format: z.enum(['pdf', 'html'], { error: 'format phải là pdf hoặc html' }).default('pdf'),
});
const RenderBody = z.object({
  values: z.record(z.string(), z.unknown(), { error: 'values phải là một đối tượng' }).default({}),
  draft: z.boolean().default(false),
  version: z.number().int().positive().optional(),
});
const SampleParams = IdParams.extend({
  sample: z.coerce.number().int().min(0, 'Số thứ tự bộ giá trị mẫu không hợp lệ'),
});
const SampleRenderQuery = RenderQuery.extend(VersionQuery.shape);
const TEMPLATE_NOT_FOUND = 'Không tìm thấy mẫu đơn';

async function sendDocument(
  reply: FastifyReply,
  t: FormTemplate,
  doc: DocumentModel,
  format: 'pdf' | 'html',
): Promise<FastifyReply> {
  if (format === 'html')
    return reply.type('text/html; charset=utf-8').send(renderDocumentHtml(doc, { page: true }));
  const pdf = await renderPdf(doc);
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${t.id}-v${t.version}.pdf"`)
    .send(pdf);
}

export async function templateRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;
  const tags = ['templates'];

  app.get(
    '/api/templates',
    { schema: { tags, summary: 'Danh sách mẫu đơn (bản mới nhất)' } },
    async (request) => {
      requireAuth(request);
      return listTemplates(db);
    },
  );

  app.get('/api/templates/:id', { schema: { tags, summary: 'Định nghĩa một mẫu đơn' } }, async (request) => {
    requireAuth(request);
    const { id } = parseInput(IdParams, request.params);
    const { version } = parseInput(VersionQuery, request.query);
    const t = await findTemplate(db, id, version);
    if (!t) throw notFound(TEMPLATE_NOT_FOUND);
    return t;
  });

  app.get(
    '/api/templates/:id/versions',
    { schema: { tags, summary: 'Các phiên bản của mẫu' } },
    async (request) => {
      requireAuth(request);
      const { id } = parseInput(IdParams, request.params);
      const versions = await listVersions(db, id);
      if (versions.length === 0) throw notFound(TEMPLATE_NOT_FOUND);
      return versions.map((v) => ({ version: v.version, source: v.source, createdAt: v.created_at }));
    },
  );

  app.post(
    '/api/templates/:id/render',
    { schema: { tags, summary: 'In mẫu đơn ra PDF hoặc HTML' } },
    async (request, reply) => {
      requireAuth(request);
      const { id } = parseInput(IdParams, request.params);
      const { format } = parseInput(RenderQuery, request.query);
      const body = parseInput(RenderBody, request.body);
      const t = await findTemplate(db, id, body.version);
      if (!t) throw notFound(TEMPLATE_NOT_FOUND);
      const doc = documentFor(t, body.values, body.draft);
      return sendDocument(reply, t, doc, format);
    },
  );

  app.get(
    '/api/templates/:id/samples/:sample/render',
    { schema: { tags, summary: 'In một bộ giá trị mẫu của mẫu đơn (xem trước)' } },
    async (request, reply) => {
      requireAuth(request);
      const { id, sample } = parseInput(SampleParams, request.params);
      const { format, version } = parseInput(SampleRenderQuery, request.query);
      const t = await findTemplate(db, id, version);
      if (!t) throw notFound(TEMPLATE_NOT_FOUND);
      const s = t.samples[sample];
      if (!s) throw notFound('Không tìm thấy bộ giá trị mẫu');
      // A draft: a sample dated "today" when it was written must still preview years later.
      const doc = documentFor(t, s.values, true);
      return sendDocument(reply, t, doc, format);
    },
  );

  app.post(
    '/api/templates/import',
    { schema: { tags, summary: 'Nhập mẫu đơn (tạo phiên bản mới)' }, bodyLimit: 1024 * 1024 },
    async (request, reply) => {
      const auth = requireRole(request, 'admin');
      const result = await importTemplate(db, request.body, { userId: auth.user.id, ip: request.ip });
      if (!result.ok) {
        const first = result.errors[0];
        throw new HttpError(
          422,
          first
            ? `Mẫu đơn không hợp lệ tại ${first.path || '(gốc)'}: ${first.message}`
            : 'Mẫu đơn không hợp lệ',
          first?.path,
          result.errors,
        );
      }
      return reply.status(201).send({ id: result.template.id, version: result.template.version });
    },
  );

  app.get(
    '/api/templates/:id/export',
    { schema: { tags, summary: 'Xuất định nghĩa mẫu (JSON)' } },
    async (request, reply) => {
      requireRole(request, 'admin');
      const { id } = parseInput(IdParams, request.params);
      const { version } = parseInput(VersionQuery, request.query);
      const t = await findTemplate(db, id, version);
      if (!t) throw notFound(TEMPLATE_NOT_FOUND);
      return reply
        .header('content-disposition', `attachment; filename="${t.id}-v${t.version}.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(t, null, 2));
    },
  );
}
