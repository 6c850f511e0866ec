import type { FastifyInstance } from 'fastify';
import { AddressConvertInput, AddressSearchQuery } from '../../../core/api/addresses.ts';
import { HttpError, parseInput } from '../../http/errors.ts';
import { requireAuth } from '../auth/auth.guard.ts';
import { getAddressIndex } from './addresses.service.ts';
import { WindowRateLimiter } from './rate-limit.ts';

/** Public search: a person typing fast with a debounce sends a few requests a second at most. */
export const PUBLIC_SEARCH_LIMIT = { limit: 120, windowMs: 60_000 };
const MAX_RESULTS = 20;

export async function addressRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['addresses'];
  const publicLimiter = new WindowRateLimiter(PUBLIC_SEARCH_LIMIT.limit, PUBLIC_SEARCH_LIMIT.windowMs);

  app.get(
    '/api/addresses/search',
    { schema: { tags, summary: 'Gợi ý xã/phường hiện hành (không dấu cũng được)' } },
    async (request) => {
      requireAuth(request);
      const { q } = parseInput(AddressSearchQuery, request.query);
      return (await getAddressIndex(app.deps.db)).search(q, MAX_RESULTS);
    },
  );

  app.get(
    '/api/public/addresses/search',
    { schema: { tags, summary: 'Gợi ý xã/phường cho cổng công dân (giới hạn số lần gọi)' } },
    async (request, reply) => {
      if (!publicLimiter.take(request.ip)) {
        reply.header('retry-after', String(publicLimiter.retryAfterSeconds(request.ip)));
        throw new HttpError(429, 'Quá nhiều yêu cầu tìm địa chỉ, vui lòng thử lại sau ít phút');
      }
      const { q } = parseInput(AddressSearchQuery, request.query);
      reply.header('cache-control', 'public, max-age=3600');
      return (await getAddressIndex(app.deps.db)).search(q, MAX_RESULTS);
    },
  );

  app.post(
    '/api/addresses/convert',
    { schema: { tags, summary: 'Chuyển địa chỉ cũ (trước 01/7/2025) sang xã/phường, tỉnh hiện hành' } },
    async (request) => {
      requireAuth(request);
      const { text } = parseInput(AddressConvertInput, request.body);
      const result = (await getAddressIndex(app.deps.db)).convert(text);
      if (!result.ok) throw new HttpError(422, result.reason, 'text');
      return result.value;
    },
  );
}
