import { z } from 'zod';

export const Role = z.enum(['admin', 'leader', 'officer', 'processor']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  leader: 'Lãnh đạo',
  officer: 'Cán bộ tiếp nhận',
  processor: 'Chuyên viên xử lý',
};

export const LoginRequest = z.object({
  username: z
    .string({ error: 'Vui lòng nhập tên đăng nhập' })
    .trim()
    .min(1, 'Vui lòng nhập tên đăng nhập')
    .max(100),
  password: z.string({ error: 'Vui lòng nhập mật khẩu' }).min(1, 'Vui lòng nhập mật khẩu').max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserView = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  role: Role,
  active: z.boolean(),
  unitIds: z.array(z.number()),
});
export type UserView = z.infer<typeof UserView>;

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,49}$/;

export const UserInput = z.object({
  username: z
    .string({ error: 'Vui lòng nhập tên đăng nhập' })
    .trim()
    .toLowerCase()
    .regex(USERNAME_PATTERN, 'Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch'),
  fullName: z.string({ error: 'Vui lòng nhập họ tên' }).trim().min(1, 'Vui lòng nhập họ tên').max(200),
  password: z.string({ error: 'Vui lòng nhập mật khẩu' }).min(8, 'Mật khẩu phải có ít nhất 8 ký tự').max(200),
  role: Role,
  unitIds: z.array(z.number().int().positive()).min(1, 'Người dùng phải thuộc ít nhất một đơn vị'),
});
export type UserInput = z.infer<typeof UserInput>;

export const UserUpdate = UserInput.omit({ username: true, password: true })
  .partial()
  .extend({ active: z.boolean().optional(), password: UserInput.shape.password.optional() });
export type UserUpdate = z.infer<typeof UserUpdate>;
