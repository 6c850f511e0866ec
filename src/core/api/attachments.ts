import { z } from 'zod';

/** What an attached file is: the scan of the form the citizen signed marks the dossier as digitised. */
export const AttachmentKind = z.enum(['signed_form', 'document', 'other'], {
  error: 'Loại tệp phải là signed_form, document hoặc other',
});
export type AttachmentKind = z.infer<typeof AttachmentKind>;

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  signed_form: 'Bản quét tờ khai đã ký',
  document: 'Giấy tờ trong hồ sơ',
  other: 'Khác',
};

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface AttachmentView {
  id: number;
  kind: AttachmentKind;
  kindLabel: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
}
