import type { Generated } from 'kysely';

export interface AttachmentTable {
  id: Generated<number>;
  dossier_id: number;
  sha256: string;
  size: number;
  mime: string;
  /** 'signed_form' (the scan of the form the citizen signed), 'document', 'other'. */
  kind: string;
  file_name: string;
  uploaded_by: number | null;
  created_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    attachments: AttachmentTable;
  }
}
