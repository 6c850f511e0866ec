import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HttpError } from './errors.ts';

interface RateLimitTable {
  key: string;
  count: number;
  expires_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    rate_limits: RateLimitTable;
  }
}

export interface RateLimit {
  bucket: string;
  max: number;
  windowSeconds: number;
}

/**
 * A fixed-window limit per client address, counted in the database so that every app process
 * behind a proxy shares it. Throws 429 with a Vietnamese message when exceeded.
 */
export async function enforceRateLimit(
  db: Kysely<Database>,
  request: FastifyRequest,
  limit: RateLimit,
): Promise<void> {
  const now = Date.now();
  const windowStart = Math.floor(now / (limit.windowSeconds * 1000));
  const key = `${limit.bucket}:${request.ip}:${windowStart}`;
  const expires = new Date((windowStart + 1) * limit.windowSeconds * 1000).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, count: 1, expires_at: expires })
    .onConflict((oc) => oc.column('key').doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  // Old windows are swept now and then rather than on every call.
  if (Math.random() < 0.01) {
    await db.deleteFrom('rate_limits').where('expires_at', '<', new Date(now).toISOString()).execute();
  }
  if (Number(row.count) > limit.max) {
    throw new HttpError(429, 'Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút');
  }
}
