import { z } from 'zod';
import { PAIRING_CODE_LENGTH } from '../live/live-messages.ts';
import { RatingInput } from './portal.ts';

/** The counter's view of a live session (the draft being typed for one citizen). */
export interface LiveSessionView {
  id: string;
  unitId: number;
  counterId: number;
  officerUserId: number;
  templateId: string;
  templateVersion: number;
  procedureCode: string | null;
  label: string | null;
  /** Raw values as typed. */
  values: Record<string, unknown>;
  focus: string | null;
  /** Highest patch seq the server has applied. */
  seq: number;
  status: 'open' | 'closed';
  review: boolean;
  confirmedAt: string | null;
  printCount: number;
  shown: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** The citizen's online prefill the session was opened from; receiving passes it on. */
  prefillCode: string | null;
}

export interface DisplayView {
  id: number;
  kind: 'code' | 'kiosk';
  label: string | null;
  unitId: number | null;
  counterId: number | null;
  pairedAt: string | null;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface CounterLiveState {
  counterId: number;
  unitId: number;
  shownSessionId: string | null;
  sessions: LiveSessionView[];
  displays: DisplayView[];
}

/** Answer to a display that asks to be created: the token is shown once and kept in the TV's localStorage. */
export interface NewDisplay {
  displayId: number;
  token: string;
  code: string;
  expiresAt: string;
}

export const OpenSessionInput = z.object({
  counterId: z.number({ error: 'Chưa chọn quầy' }).int().positive('Chưa chọn quầy'),
  templateId: z.string({ error: 'Chưa chọn thủ tục' }).regex(/^[a-z0-9-]{1,80}$/, 'Mã mẫu không hợp lệ'),
  templateVersion: z.number().int().positive().optional(),
  procedureCode: z.string().trim().max(40).nullable().default(null),
  label: z.string().trim().max(200).nullable().default(null),
});
export type OpenSessionInput = z.infer<typeof OpenSessionInput>;

/** Value paths: `mother.fullName`, `documents[2].count`. */
export const VALUE_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*|\[\d{1,3}\])*$/;

export const PatchInput = z.object({
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  path: z.string().max(200).regex(VALUE_PATH, 'Đường dẫn trường không hợp lệ').optional(),
  value: z.unknown().optional(),
  focus: z.string().max(200).regex(VALUE_PATH, 'Đường dẫn trường không hợp lệ').nullable().optional(),
});
export type PatchInput = z.infer<typeof PatchInput>;

export const PatchBatchInput = z.object({
  patches: z.array(PatchInput).min(1).max(500),
});

export const PairInput = z.object({
  counterId: z.number({ error: 'Chưa chọn quầy' }).int().positive('Chưa chọn quầy'),
  code: z
    .string({ error: 'Vui lòng nhập mã ghép nối' })
    .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
    .pipe(z.string().length(PAIRING_CODE_LENGTH, `Mã ghép nối gồm ${PAIRING_CODE_LENGTH} ký tự`)),
});
export type PairInput = z.infer<typeof PairInput>;

export const KioskInput = z.object({
  counterId: z.number({ error: 'Chưa chọn quầy' }).int().positive('Chưa chọn quầy'),
  label: z.string().trim().max(100).nullable().default(null),
});
export type KioskInput = z.infer<typeof KioskInput>;

export const PrintInput = z.object({
  copies: z
    .number({ error: 'Số bản in phải là số' })
    .int()
    .min(1, 'Số bản in ít nhất là 1')
    .max(20, 'Số bản in tối đa 20')
    .default(1),
  /** Print even if some required fields are empty (a blank form to complete by hand). */
  draft: z.boolean().default(false),
});
export type PrintInput = z.infer<typeof PrintInput>;

export const ReviewInput = z.object({ on: z.boolean().default(true) });

/** Opening a citizen's online prefill at the counter: the code typed or scanned from the citizen's phone. */
export const OpenPrefillInput = z.object({
  counterId: z.number({ error: 'Chưa chọn quầy' }).int().positive('Chưa chọn quầy'),
  code: z
    .string({ error: 'Vui lòng nhập mã khai trước' })
    .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^[A-Z0-9]{6,12}$/, 'Mã khai trước gồm 8 chữ cái và chữ số')),
});
export type OpenPrefillInput = z.infer<typeof OpenPrefillInput>;

/** Ending a session; `dossierCode` when it ends because its dossier was received. */
export const CloseSessionInput = z.object({
  dossierCode: z
    .string()
    .regex(/^[0-9A-Z.]{5,30}-\d{6}-\d{4,}$/, 'Mã hồ sơ không hợp lệ')
    .optional(),
});
export type CloseSessionInput = z.infer<typeof CloseSessionInput>;

/** A rating cast on the citizen's display (authenticated by the display's token). */
export const DisplayRatingInput = RatingInput.pick({ rating: true, reasons: true }).extend({
  dossierCode: z.string().regex(/^[0-9A-Z.]{5,30}-\d{6}-\d{4,}$/, 'Mã hồ sơ không hợp lệ'),
});
export type DisplayRatingInput = z.infer<typeof DisplayRatingInput>;
