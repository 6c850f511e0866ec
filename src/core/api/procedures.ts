import { z } from 'zod';

export const DocumentKind = z.enum(['original', 'certified_copy', 'photocopy', 'present']);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  original: 'Bản chính',
  certified_copy: 'Bản sao có chứng thực',
  photocopy: 'Bản chụp / phô tô',
  present: 'Xuất trình bản chính',
};

export const Fee = z.object({
  label: z.string().min(1),
  /** VND; 0 = miễn phí. */
  amount: z.number().int().min(0),
  note: z.string().optional(),
});
export type Fee = z.infer<typeof Fee>;

export const RequiredDocument = z.object({
  name: z.string().min(1),
  kind: DocumentKind,
  count: z.number().int().min(1).default(1),
  optional: z.boolean().default(false),
});
export type RequiredDocument = z.infer<typeof RequiredDocument>;

export const ProcedureInput = z.object({
  code: z.string().regex(/^\d\.\d{6}$/, 'Mã thủ tục theo CSDL quốc gia có dạng 1.001193'),
  name: z.string().trim().min(1, 'Vui lòng nhập tên thủ tục').max(300),
  field: z.string().regex(/^[a-z0-9-]+$/, 'Lĩnh vực không hợp lệ'),
  templateId: z.string().regex(/^[a-z0-9-]+$/, 'Mã mẫu đơn không hợp lệ'),
  processingDays: z.number().int().min(0, 'Thời hạn không hợp lệ').max(365),
  sameDay: z.boolean(),
  fees: z.array(Fee).default([]),
  documents: z.array(RequiredDocument).default([]),
  resultDelivery: z
    .string()
    .trim()
    .min(1)
    .default('Trả kết quả tại Bộ phận một cửa hoặc qua dịch vụ bưu chính công ích'),
  legalBasis: z.string().optional(),
});
export type ProcedureInput = z.infer<typeof ProcedureInput>;

export const ProcedureUpdate = ProcedureInput.omit({ code: true })
  .partial()
  .extend({ active: z.boolean().optional() });
export type ProcedureUpdate = z.infer<typeof ProcedureUpdate>;

export const ProcedureView = ProcedureInput.extend({ id: z.number(), active: z.boolean() });
export type ProcedureView = z.infer<typeof ProcedureView>;

export const FIELD_LABELS: Record<string, string> = {
  'ho-tich': 'Hộ tịch',
  'chung-thuc': 'Chứng thực',
  'kinh-doanh': 'Thành lập và hoạt động của hộ kinh doanh',
  'dat-dai': 'Đất đai',
  'bao-tro-xa-hoi': 'Bảo trợ xã hội',
  'mot-cua': 'Một cửa',
};
