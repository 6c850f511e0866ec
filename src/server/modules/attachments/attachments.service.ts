import type { Kysely } from 'kysely';
import {
  ATTACHMENT_KIND_LABELS,
  type AttachmentKind,
  type AttachmentView,
} from '../../../core/api/attachments.ts';
import type { Database } from '../../db/schema.ts';
import type { DossierRow } from '../dossiers/dossiers.service.ts';
import { recordEvent } from '../events/events.repo.ts';
import { storeFile } from './file-store.ts';
import { detectFileType } from './file-type.ts';
import './attachments.tables.ts';

export type AddAttachmentResult = AttachmentView | { error: 'unsupported_type' } | { error: 'empty' };

/** A file name safe to keep and to send back: NFC, no path, no control characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(ch))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || 'tep-dinh-kem';
}

/**
 * Attaches a file to a dossier: the type comes from the bytes, the bytes go to the content-addressed
 * store, then one transaction writes the row and the event and, for the signed form, marks the dossier
 * digitised. A failure after the file is stored leaves only an unreferenced file, never a row without one.
 */
export async function addAttachment(
  db: Kysely<Database>,
  dataDir: string,
  input: { dossier: DossierRow; kind: AttachmentKind; fileName: string; bytes: Buffer },
  actor: { userId: number | null; fullName: string | null; ip: string },
): Promise<AddAttachmentResult> {
  if (input.bytes.length === 0) return { error: 'empty' };
  const mime = detectFileType(input.bytes);
  if (!mime) return { error: 'unsupported_type' };
  const sha256 = await storeFile(dataDir, input.bytes);
  const d = input.dossier;
  const createdAt = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('attachments')
      .values({
        dossier_id: d.id,
        sha256,
        size: input.bytes.length,
        mime,
        kind: input.kind,
        file_name: input.fileName,
        uploaded_by: actor.userId,
        created_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const digitise = input.kind === 'signed_form' && d.digitised !== 1;
    if (digitise) {
      await trx
        .updateTable('dossiers')
        .set({ digitised: 1, updated_at: createdAt })
        .where('id', '=', d.id)
        .execute();
    }
    await recordEvent(trx, {
      actorUserId: actor.userId,
      unitId: d.unit_id,
      entityType: 'dossier',
      entityId: d.code,
      action: 'attach',
      fromState: d.status,
      toState: d.status,
      data: { attachmentId: row.id, kind: input.kind, fileName: input.fileName, sha256, digitised: digitise },
      ip: actor.ip,
    });
    return {
      id: Number(row.id),
      kind: input.kind,
      kindLabel: ATTACHMENT_KIND_LABELS[input.kind],
      fileName: input.fileName,
      mime,
      size: input.bytes.length,
      sha256,
      uploadedBy: actor.fullName,
      createdAt,
    };
  });
}

export async function listAttachments(db: Kysely<Database>, dossierId: number): Promise<AttachmentView[]> {
  const rows = await db
    .selectFrom('attachments')
    .leftJoin('users', 'users.id', 'attachments.uploaded_by')
    .selectAll('attachments')
    .select('users.full_name')
    .where('dossier_id', '=', dossierId)
    .orderBy('attachments.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind as AttachmentKind,
    kindLabel: ATTACHMENT_KIND_LABELS[r.kind as AttachmentKind] ?? r.kind,
    fileName: r.file_name,
    mime: r.mime,
    size: Number(r.size),
    sha256: r.sha256,
    uploadedBy: r.full_name,
    createdAt: r.created_at,
  }));
}
