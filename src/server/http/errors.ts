import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
}

/** An expected failure that maps straight to an HTTP answer with a Vietnamese message. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }
}

export const notFound = (message = 'Không tìm thấy dữ liệu yêu cầu') => new HttpError(404, message);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này') =>
  new HttpError(403, message);
export const conflict = (message: string, field?: string) => new HttpError(409, message, field);
export const unauthorized = (message = 'Vui lòng đăng nhập') => new HttpError(401, message);

function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** Parses request data with a zod schema; a failure is a 422 naming every field. */
export function parseInput<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
  const first = errors[0];
  throw new HttpError(
    422,
    first ? (first.path ? `${first.message} (${first.path})` : first.message) : 'Dữ liệu không hợp lệ',
    first?.path || undefined,
    errors,
  );
}

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Dữ liệu gửi lên quá lớn'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Định dạng dữ liệu không được hỗ trợ'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Thiếu dữ liệu gửi lên'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Dữ liệu JSON không hợp lệ'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'Độ dài dữ liệu không hợp lệ'],
};

export function installErrorHandler(app: FastifyInstance): void {
  z.config(z.locales.vi());
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      const body: Record<string, unknown> = { message: error.message };
      if (error.field) body.field = error.field;
      if (error.errors) body.errors = error.errors;
      return reply.status(error.statusCode).send(body);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return reply.status(mapped[0]).send({ message: mapped[1] });
    if (error.statusCode === 429) {
      return reply.status(429).send({ message: 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      if (error.name === 'SyntaxError')
        return reply.status(400).send({ message: 'Dữ liệu JSON không hợp lệ' });
      return reply.status(error.statusCode).send({ message: 'Yêu cầu không hợp lệ' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ message: 'Lỗi hệ thống, vui lòng thử lại hoặc báo quản trị viên' });
  });
}
