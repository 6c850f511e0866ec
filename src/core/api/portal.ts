import { z } from 'zod';

export const SubmissionMode = z.enum(['prefill', 'online']);
export type SubmissionMode = z.infer<typeof SubmissionMode>;

export const SubmissionInput = z.object({
  procedureCode: z.string({ error: 'Vui lòng chọn thủ tục' }).regex(/^\d\.\d{6}$/, 'Mã thủ tục không hợp lệ'),
  unitId: z.number({ error: 'Vui lòng chọn nơi nộp hồ sơ' }).int().positive('Nơi nộp hồ sơ không hợp lệ'),
  values: z.record(z.string(), z.unknown(), { error: 'Thiếu nội dung tờ khai (values)' }),
  mode: SubmissionMode,
});
export type SubmissionInput = z.infer<typeof SubmissionInput>;

export const Rating = z.enum(['very_satisfied', 'satisfied', 'unsatisfied']);
export type Rating = z.infer<typeof Rating>;

export const RATING_LABELS: Record<Rating, string> = {
  very_satisfied: 'Rất hài lòng',
  satisfied: 'Hài lòng',
  unsatisfied: 'Không hài lòng',
};

export const RATING_REASONS = {
  attitude: 'Thái độ phục vụ',
  waiting: 'Thời gian chờ',
  guidance: 'Hướng dẫn chưa rõ',
  procedure: 'Thủ tục phức tạp',
  facilities: 'Cơ sở vật chất',
  other: 'Lý do khác',
} as const;
export type RatingReason = keyof typeof RATING_REASONS;

export const RatingStage = z.enum(['receipt', 'result']);
export type RatingStage = z.infer<typeof RatingStage>;

export const RatingInput = z.object({
  rating: Rating,
  reasons: z
    .array(z.enum(Object.keys(RATING_REASONS) as [RatingReason, ...RatingReason[]]))
    .max(6)
    .default([]),
  comment: z.string().trim().max(500).optional(),
});
export type RatingInput = z.infer<typeof RatingInput>;
