import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DisplayView, NewDisplay } from '../../../core/api/live.ts';
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH } from '../../../core/live/live-messages.ts';
import type { Database } from '../../db/schema.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { recordEvent } from '../events/events.repo.ts';
import type { Actor } from './live.service.ts';
import { findCounterRow } from './live.service.ts';
import type { LiveDisplayRow } from './live.tables.ts';
import type { LiveBus } from './live-bus.ts';

export const CODE_TTL_MS = 5 * 60_000;
/** Failed pairing attempts allowed per officer and per counter in the window, then pairing waits. */
export const MAX_PAIR_FAILURES = 10;
/** Across the whole system: a distributed guess through many accounts stops here. */
export const MAX_PAIR_FAILURES_ALL = 200;
export const PAIR_FAILURE_WINDOW_MS = 15 * 60_000;
/** New display pages per address in the window (each holds a code; stops code-space flooding). */
export const MAX_NEW_DISPLAYS_PER_IP = 30;
/** Codes one display may draw per hour (a display cycling codes cannot widen its chances). */
export const MAX_CODES_PER_DISPLAY_HOUR = 20;

export type PairingError =
  | { error: 'rate_limited' }
  | { error: 'invalid_code' }
  | { error: 'counter_not_found' }
  | { error: 'display_not_found' }
  | { error: 'already_paired' }
  | { error: 'forbidden' };

export function toDisplayView(r: LiveDisplayRow): DisplayView {
  return {
    id: r.id,
    kind: r.kind,
    label: r.label,
    unitId: r.unit_id,
    counterId: r.counter_id,
    pairedAt: r.paired_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
  };
}

export function newPairingCode(): string {
  let s = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) s += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return s;
}

/** A display by its long-lived token (kept in the TV's localStorage); revoked displays are not found. */
export async function findDisplayByToken(
  db: Kysely<Database>,
  token: string,
): Promise<LiveDisplayRow | undefined> {
  if (token.length < 20 || token.length > 200) return undefined;
  const row = await db
    .selectFrom('live_displays')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return row && row.revoked_at === null ? row : undefined;
}

export async function findDisplay(db: Kysely<Database>, id: number): Promise<LiveDisplayRow | undefined> {
  return db.selectFrom('live_displays').selectAll().where('id', '=', id).executeTakeFirst();
}

async function insertUniqueCode(
  db: Kysely<Database>,
  write: (code: string, expiresAt: string) => Promise<void>,
): Promise<{ code: string; expiresAt: string }> {
  // Expired codes are released first so that their values can be drawn again.
  await db
    .updateTable('live_displays')
    .set({ pair_code: null, pair_code_expires_at: null })
    .where('pair_code_expires_at', '<', new Date().toISOString())
    .execute();
  for (let i = 0; ; i++) {
    const code = newPairingCode();
    const expiresAt = new Date(Date.now() + CODE_TTL_MS).toISOString();
    try {
      await write(code, expiresAt);
      return { code, expiresAt };
    } catch (err) {
      // A unique-constraint clash on the code (one in ~10^8); draw again.
      if (i >= 5) throw err;
    }
  }
}

/** A new, unpaired display page (anonymous: the TV has no account). Fails with rate_limited. */
export async function createDisplay(db: Kysely<Database>, ip: string): Promise<NewDisplay | PairingError> {
  const since = new Date(Date.now() - PAIR_FAILURE_WINDOW_MS).toISOString();
  const recent = await db
    .selectFrom('live_displays')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_ip', '=', ip)
    .where('kind', '=', 'code')
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= MAX_NEW_DISPLAYS_PER_IP) return { error: 'rate_limited' };
  const token = newToken();
  let displayId = 0;
  const { code, expiresAt } = await insertUniqueCode(db, async (c, exp) => {
    const row = await db
      .insertInto('live_displays')
      .values({
        token_hash: hashToken(token),
        unit_id: null,
        counter_id: null,
        kind: 'code',
        label: null,
        pair_code: c,
        pair_code_expires_at: exp,
        codes_issued: 1,
        paired_by_user_id: null,
        paired_at: null,
        revoked_at: null,
        created_ip: ip,
        created_at: new Date().toISOString(),
        last_seen_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    displayId = row.id;
  });
  return { displayId, token, code, expiresAt };
}

/** A fresh code for an unpaired display whose code expired. Fails with already_paired or rate_limited. */
export async function renewCode(
  db: Kysely<Database>,
  display: LiveDisplayRow,
): Promise<{ code: string; expiresAt: string } | PairingError> {
  if (display.counter_id !== null) return { error: 'already_paired' };
  if (
    display.pair_code &&
    display.pair_code_expires_at &&
    display.pair_code_expires_at > new Date().toISOString()
  ) {
    return { code: display.pair_code, expiresAt: display.pair_code_expires_at };
  }
  const ageHours = Math.max(1, (Date.now() - Date.parse(display.created_at)) / 3_600_000);
  if (display.codes_issued >= MAX_CODES_PER_DISPLAY_HOUR * Math.ceil(ageHours))
    return { error: 'rate_limited' };
  return insertUniqueCode(db, async (c, exp) => {
    await db
      .updateTable('live_displays')
      .set((eb) => ({ pair_code: c, pair_code_expires_at: exp, codes_issued: eb('codes_issued', '+', 1) }))
      .where('id', '=', display.id)
      .execute();
  });
}

async function failures(db: Kysely<Database>, key: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('live_pair_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('scope_key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Pairs the display showing `code` with a counter the officer works at. Attempts are limited per officer,
 * per counter and system-wide, counted in the database so every app process sees the same count.
 * Fails with counter_not_found, rate_limited or invalid_code (unknown, expired or already used).
 */
export async function pairByCode(
  db: Kysely<Database>,
  bus: LiveBus,
  actor: Actor,
  counterId: number,
  code: string,
): Promise<DisplayView | PairingError> {
  const counter = await findCounterRow(db, counterId);
  if (counter?.active !== 1 || !canSeeUnit(actor.auth.scope, counter.unit_id)) {
    return { error: 'counter_not_found' };
  }
  const since = new Date(Date.now() - PAIR_FAILURE_WINDOW_MS).toISOString();
  const userKey = `user:${actor.auth.user.id}`;
  const counterKey = `counter:${counterId}`;
  const [byUser, byCounter, all] = await Promise.all([
    failures(db, userKey, since),
    failures(db, counterKey, since),
    failures(db, 'all', since),
  ]);
  if (byUser >= MAX_PAIR_FAILURES || byCounter >= MAX_PAIR_FAILURES || all >= MAX_PAIR_FAILURES_ALL) {
    return { error: 'rate_limited' };
  }
  const now = new Date().toISOString();
  const paired = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('live_displays')
      .set({
        counter_id: counterId,
        unit_id: counter.unit_id,
        paired_by_user_id: actor.auth.user.id,
        paired_at: now,
        pair_code: null,
        pair_code_expires_at: null,
      })
      .where('pair_code', '=', code)
      .where('pair_code_expires_at', '>', now)
      .where('counter_id', 'is', null)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      await trx
        .insertInto('live_pair_failures')
        .values([userKey, counterKey, 'all'].map((scope_key) => ({ scope_key, at: now })))
        .execute();
      return undefined;
    }
    await recordEvent(trx, {
      actorUserId: actor.auth.user.id,
      unitId: counter.unit_id,
      entityType: 'live_display',
      entityId: row.id,
      action: 'pair',
      data: { counterId, via: 'code' },
      ip: actor.ip,
    });
    return row;
  });
  if (!paired) return { error: 'invalid_code' };
  await bus.publish({ k: 'display', displayId: paired.id, event: 'paired' });
  return toDisplayView(paired);
}

/** A kiosk display for a TV mounted at a counter (admin): paired at once; the secret is shown once. */
export async function createKiosk(
  db: Kysely<Database>,
  actor: Actor,
  counterId: number,
  label: string | null,
): Promise<{ display: DisplayView; token: string } | PairingError> {
  const counter = await findCounterRow(db, counterId);
  if (!counter || !canSeeUnit(actor.auth.scope, counter.unit_id)) return { error: 'counter_not_found' };
  const token = newToken(32);
  const now = new Date().toISOString();
  const row = await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('live_displays')
      .values({
        token_hash: hashToken(token),
        unit_id: counter.unit_id,
        counter_id: counterId,
        kind: 'kiosk',
        label,
        pair_code: null,
        pair_code_expires_at: null,
        codes_issued: 0,
        paired_by_user_id: actor.auth.user.id,
        paired_at: now,
        revoked_at: null,
        created_ip: actor.ip,
        created_at: now,
        last_seen_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.auth.user.id,
      unitId: counter.unit_id,
      entityType: 'live_display',
      entityId: r.id,
      action: 'pair',
      data: { counterId, via: 'kiosk', label },
      ip: actor.ip,
    });
    return r;
  });
  return { display: toDisplayView(row), token };
}

/** Revokes a display: by an admin, or an officer of the display's unit. Its socket is closed at once. */
export async function revokeDisplay(
  db: Kysely<Database>,
  bus: LiveBus,
  actor: Actor,
  displayId: number,
): Promise<DisplayView | PairingError> {
  const row = await findDisplay(db, displayId);
  if (!row || row.unit_id === null || !canSeeUnit(actor.auth.scope, row.unit_id))
    return { error: 'display_not_found' };
  if (actor.auth.role !== 'admin' && actor.auth.role !== 'officer') return { error: 'forbidden' };
  if (row.revoked_at) return toDisplayView(row);
  const now = new Date().toISOString();
  const updated = await db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('live_displays')
      .set({ revoked_at: now, pair_code: null, pair_code_expires_at: null })
      .where('id', '=', displayId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.auth.user.id,
      unitId: row.unit_id,
      entityType: 'live_display',
      entityId: displayId,
      action: 'revoke',
      data: { counterId: row.counter_id },
      ip: actor.ip,
    });
    return u;
  });
  await bus.publish({ k: 'display', displayId, event: 'revoked' });
  return toDisplayView(updated);
}

export async function listCounterDisplays(db: Kysely<Database>, counterId: number): Promise<DisplayView[]> {
  const rows = await db
    .selectFrom('live_displays')
    .selectAll()
    .where('counter_id', '=', counterId)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(toDisplayView);
}
