import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AttachmentKind, MAX_ATTACHMENT_BYTES } from '../../../core/api/attachments.ts';
import { DOSSIER_CODE_PATTERN } from '../../../core/dossier/dossier-code.ts';
import { HttpError, notFound, parseInput } from '../../http/errors.ts';
import { enforceRateLimit } from '../../http/rate-limit.ts';
import type { AuthContext } from '../../types.ts';
import { requireAuth, requireRole } from '../auth/auth.guard.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import { hashToken, safeEqual } from '../auth/tokens.ts';
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

/** Reads the one file and the text fields of a multipart upload; upload limits become Vietnamese 4xx. */
async function readUpload(
  request: FastifyRequest,
): Promise<{ file?: { name: string; bytes: Buffer }; fields: Record<string, unknown> }> {
  if (!request.isMultipart()) throw new HttpError(415, 'Vui lòng gửi tệp dạng multipart/form-data', 'file');
  const fields: Record<string, unknown> = {};
  let file: { name: string; bytes: Buffer } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') file = { name: cleanFileName(part.filename), bytes: await part.toBuffer() };
      else fields[part.fieldname] = part.value;
    }
  } catch (err) {
    throw uploadError(err) ?? err;
  }
  return file ? { file, fields } : { fields };
}

function attachmentErrorToHttp(error: 'empty' | 'unsupported_type'): HttpError {
  if (error === 'empty') return new HttpError(422, 'Tệp rỗng, vui lòng chọn lại', 'file');
  return new HttpError(415, 'Chỉ nhận tệp PDF, JPEG hoặc PNG (nội dung tệp không đúng định dạng)', 'file');
}

const PUBLIC_UPLOAD_LIMIT = { bucket: 'public-upload', max: 20, windowSeconds: 600 };
/** States in which the citizen may still add papers to an online dossier. */
const OPEN_FOR_CITIZEN = new Set(['new', 'supplement_requested']);

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
      const upload = await readUpload(request);
      const file = upload.file;
      const kindRaw = upload.fields.kind ?? 'document';
      const kind = parseInput(z.object({ kind: AttachmentKind }), { kind: kindRaw }).kind;
      if (!file) throw new HttpError(422, 'Vui lòng chọn tệp cần đính kèm', 'file');
      const result = await addAttachment(
        db,
        dataDir,
        { dossier, kind, fileName: file.name, bytes: file.bytes },
        { userId: auth.user.id, fullName: auth.user.fullName, ip: request.ip },
      );
      if ('error' in result) throw attachmentErrorToHttp(result.error);
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

  app.post(
    '/api/public/dossiers/:code/attachments',
    {
      schema: {
        tags: ['public'],
        summary: 'Công dân đính kèm ảnh giấy tờ cho hồ sơ trực tuyến (cần mã bí mật)',
      },
    },
    async (request, reply) => {
      await enforceRateLimit(db, request, PUBLIC_UPLOAD_LIMIT);
      const { code } = parseInput(CodeParams, request.params);
      const upload = await readUpload(request);
      const secret = typeof upload.fields.secret === 'string' ? upload.fields.secret : '';
      const dossier = await db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
      // A wrong secret answers like an unknown code, so nothing about other dossiers leaks.
      if (
        !dossier?.public_secret_hash ||
        !secret ||
        !safeEqual(hashToken(secret), dossier.public_secret_hash)
      ) {
        throw notFound('Không tìm thấy hồ sơ với mã và mã bí mật này');
      }
      if (!OPEN_FOR_CITIZEN.has(dossier.status)) {
        throw new HttpError(409, 'Hồ sơ không còn nhận thêm giấy tờ từ công dân');
      }
      if (!upload.file) throw new HttpError(422, 'Vui lòng chọn tệp cần đính kèm', 'file');
      const result = await addAttachment(
        db,
        dataDir,
        { dossier, kind: 'document', fileName: upload.file.name, bytes: upload.file.bytes },
        { userId: null, fullName: null, ip: request.ip },
      );
      if ('error' in result) throw attachmentErrorToHttp(result.error);
      return reply.status(201).send({ id: result.id, fileName: result.fileName, size: result.size });
    },
  );
}
