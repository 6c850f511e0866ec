import { z } from 'zod';

export const UnitKind = z.enum(['province', 'district', 'commune', 'department', 'other']);
export type UnitKind = z.infer<typeof UnitKind>;

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: 'Tỉnh / thành phố',
  district: 'Huyện / thị xã / thành phố thuộc tỉnh (cũ)',
  commune: 'Xã / phường / đặc khu',
  department: 'Sở, ban, ngành',
  other: 'Đơn vị khác',
};

/** National agency code scheme, e.g. 000.00.29.H18 or 000.00.00.H18: four dot-separated parts. */
export const AGENCY_CODE_PATTERN = /^[0-9A-Z]{2,4}(\.[0-9A-Z]{1,4}){2,4}$/;

export const UnitInput = z.object({
  name: z.string({ error: 'Vui lòng nhập tên đơn vị' }).trim().min(1, 'Vui lòng nhập tên đơn vị').max(200),
  kind: UnitKind,
  parentId: z.number().int().positive().nullable().default(null),
  agencyCode: z
    .string({ error: 'Vui lòng nhập mã cơ quan' })
    .trim()
    .toUpperCase()
    .regex(AGENCY_CODE_PATTERN, 'Mã cơ quan không đúng định dạng (ví dụ 000.00.29.H18)'),
  address: z.string().trim().max(300).nullable().default(null),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 .()+-]{0,20}$/, 'Số điện thoại không hợp lệ')
    .nullable()
    .default(null),
});
export type UnitInput = z.infer<typeof UnitInput>;

export const UnitUpdate = UnitInput.partial().extend({ active: z.boolean().optional() });
export type UnitUpdate = z.infer<typeof UnitUpdate>;

export const UnitView = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  kind: UnitKind,
  agencyCode: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
});
export type UnitView = z.infer<typeof UnitView>;

export const CounterInput = z.object({
  number: z.number({ error: 'Vui lòng nhập số quầy' }).int().min(1, 'Số quầy phải từ 1').max(999),
  name: z.string({ error: 'Vui lòng nhập tên quầy' }).trim().min(1, 'Vui lòng nhập tên quầy').max(100),
});
export type CounterInput = z.infer<typeof CounterInput>;

export const CounterUpdate = CounterInput.partial().extend({ active: z.boolean().optional() });
export type CounterUpdate = z.infer<typeof CounterUpdate>;

export const CounterView = z.object({
  id: z.number(),
  unitId: z.number(),
  number: z.number(),
  name: z.string(),
  active: z.boolean(),
});
export type CounterView = z.infer<typeof CounterView>;
