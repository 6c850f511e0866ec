import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AttachmentKind, MAX_ATTACHMENT_BYTES } from '../../../core/api/attachments.ts';
import { DOSSIER_CODE_PATTERN } from '../../../core/dossier/dossier-code.ts';
import { HttpError, notFound, parseInput } from '../../http/errors.ts';
import type { AuthContext } from '../../types.ts';
import { requireAuth, requireRole } from '../auth/auth.guard.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import type { DossierRow } from '../dossiers/dossiers.service.ts';
import { addAttachment, cleanFileName, listAttachments } from './attachments.service.ts';
import { openStoredFile } from './file-store.ts';
import { EXTENSIONS } from './file-type.ts';

const CodeParams = z.object({ code: z.string().regex(DOSSIER_CODE_PATTERN, 'Mã hồ sơ không hợp lệ') });
const FileParams = CodeParams.extend({ id: z.coerce.number().int().positive('Mã tệp không hợp lệ') });

const TOO_LARGE = `Tệp quá lớn: tối đa ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB mỗi tệp`;

/** Multipart errors from @fastify/multipart and busboy, as Vietnamese answers. */
function uploadError(err: unknown): HttpError | null {
  const code = typeof err === 'object' && err && 'code' in err ? String(err.code) : '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new HttpError(413, TOO_LARGE, 'file');
  if (code === 'FST_FILES_LIMIT') return new HttpError(413, 'Mỗi lần chỉ gửi một tệp', 'file');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new HttpError(413, 'Dữ liệu gửi lên có quá nhiều phần', 'file');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return new HttpError(415, 'Vui lòng gửi tệp dạng multipart/form-data', 'file');
  return null;
}

export async function attachmentRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;
  const dataDir = app.deps.config.dataDir;
  const tags = ['dossiers'];
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, fieldSize: 200, parts: 8 },
  });

  async function visibleDossier(auth: AuthContext, code: string): Promise<DossierRow> {
    const d = await db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
    if (!d || !canSeeUnit(auth.scope, d.unit_id)) throw notFound('Không tìm thấy hồ sơ');
    return d;
  }

  app.post(
    '/api/dossiers/:code/attachments',
    {
      schema: {
        tags,
        summary: 'Đính kèm tệp (PDF, JPEG, PNG; tối đa 10 MB; kind=signed_form đánh dấu đã số hóa)',
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { code } = parseInput(CodeParams, request.params);
      const dossier = await visibleDossier(auth, code);
      requireRole(request, 'officer', 'processor', 'admin');
      if (!request.isMultipart())
        throw new HttpError(415, 'Vui lòng gửi tệp dạng multipart/form-data', 'file');
      let kindRaw: unknown = 'document';
      let file: { name: string; bytes: Buffer } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            file = { name: cleanFileName(part.filename), bytes: await part.toBuffer() };
          } else if (part.fieldname === 'kind') {
            kindRaw = part.value;
          }
        }
      } catch (err) {
        throw uploadError(err) ?? err;
      }
      const kind = parseInput(z.object({ kind: AttachmentKind }), { kind: kindRaw }).kind;
      if (!file) throw new HttpError(422, 'Vui lòng chọn tệp cần đính kèm', 'file');
      const result = await addAttachment(
        db,
        dataDir,
        { dossier, kind, fileName: file.name, bytes: file.bytes },
        { userId: auth.user.id, fullName: auth.user.fullName, ip: request.ip },
      );
      if ('error' in result) {
        if (result.error === 'empty') throw new HttpError(422, 'Tệp rỗng, vui lòng chọn lại', 'file');
        throw new HttpError(
          415,
          'Chỉ nhận tệp PDF, JPEG hoặc PNG (nội dung tệp không đúng định dạng)',
          'file',
        );
      }
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/dossiers/:code/attachments',
    { schema: { tags, summary: 'Các tệp đính kèm của hồ sơ' } },
    async (request) => {
      const auth = requireAuth(request);
      const { code } = parseInput(CodeParams, request.params);
      const dossier = await visibleDossier(auth, code);
      return listAttachments(db, dossier.id);
    },
  );

  app.get(
    '/api/dossiers/:code/attachments/:id',
    { schema: { tags, summary: 'Tải một tệp đính kèm' } },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { code, id } = parseInput(FileParams, request.params);
      const dossier = await visibleDossier(auth, code);
      const row = await db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', id)
        .where('dossier_id', '=', dossier.id)
        .executeTakeFirst();
      const stream = row ? openStoredFile(dataDir, row.sha256) : null;
      if (!row || !stream) throw notFound('Không tìm thấy tệp đính kèm');
      const ext = EXTENSIONS[row.mime as keyof typeof EXTENSIONS] ?? 'bin';
      const ascii = `tep-${row.id}.${ext}`;
      return reply
        .type(row.mime)
        .header('content-length', String(row.size))
        .header(
          'content-disposition',
          `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.file_name)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
}
