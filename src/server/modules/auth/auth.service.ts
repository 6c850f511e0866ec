import type { Kysely } from 'kysely';
import type { Role, UserView } from '../../../core/api/auth.ts';
import type { Database, UserRow } from '../../db/schema.ts';
import type { UnitScope } from '../../types.ts';
import { recordEvent } from '../events/events.repo.ts';
import { dummyVerify, verifyPassword } from './passwords.ts';
import { hashToken, newToken } from './tokens.ts';

const FAILURE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_IP = 20;

export type LoginResult =
  | { ok: true; token: string; csrfToken: string; user: UserView; expiresAt: string }
  | { ok: false; error: 'invalid_credentials' | 'rate_limited' };

export async function loadUserView(db: Kysely<Database>, row: UserRow): Promise<UserView> {
  const units = await db.selectFrom('user_units').select('unit_id').where('user_id', '=', row.id).execute();
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role as Role,
    active: row.active === 1,
    unitIds: units.map((u) => u.unit_id).sort((a, b) => a - b),
  };
}

export async function login(
  db: Kysely<Database>,
  input: { username: string; password: string; ip: string; sessionDays: number },
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const since = new Date(Date.now() - FAILURE_WINDOW_MS).toISOString();
  const [byUser, byIp] = await Promise.all([
    db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('username', '=', username)
      .where('at', '>', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', input.ip)
      .where('at', '>', since)
      .executeTakeFirstOrThrow(),
  ]);
  if (Number(byUser.n) >= MAX_FAILURES_PER_USERNAME || Number(byIp.n) >= MAX_FAILURES_PER_IP) {
    return { ok: false, error: 'rate_limited' };
  }

  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const valid =
    row && row.active === 1
      ? await verifyPassword(row.password_hash, input.password)
      : await dummyVerify(input.password).then(() => false);
  if (!row || !valid) {
    await db
      .insertInto('login_failures')
      .values({ username, ip: input.ip, at: new Date().toISOString() })
      .execute();
    return { ok: false, error: 'invalid_credentials' };
  }

  const token = newToken();
  const csrfToken = newToken(24);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.sessionDays * 86_400_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: row.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        ip: input.ip,
      })
      .execute();
    await trx.deleteFrom('login_failures').where('username', '=', username).execute();
    await recordEvent(trx, {
      actorUserId: row.id,
      entityType: 'user',
      entityId: row.id,
      action: 'login',
      ip: input.ip,
    });
  });
  return { ok: true, token, csrfToken, user: await loadUserView(db, row), expiresAt };
}

export interface ResolvedSession {
  user: UserView;
  tokenHash: string;
  csrfToken: string;
}

/** The one rule for a session row: its user is active and it has not expired. */
function sessionLetsIn(row: { active: number; expires_at: string }): boolean {
  return row.active === 1 && row.expires_at >= new Date().toISOString();
}

export async function resolveSession(
  db: Kysely<Database>,
  token: string,
): Promise<ResolvedSession | undefined> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || !sessionLetsIn(row)) return undefined;
  const { csrf_token, expires_at: _expires, ...user } = row;
  return { user: await loadUserView(db, user), tokenHash, csrfToken: csrf_token };
}

/** Whether a session (by its token hash) still lets its user in: not logged out, not expired, user active. */
export async function sessionStillValid(db: Kysely<Database>, tokenHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.active', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row !== undefined && sessionLetsIn(row);
}

export async function logout(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function computeScope(db: Kysely<Database>, user: UserView): Promise<UnitScope> {
  if (user.role === 'admin') return { all: true, unitIds: new Set() };
  const all = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  const children = new Map<number, number[]>();
  for (const u of all) {
    if (u.parent_id == null) continue;
    const list = children.get(u.parent_id) ?? [];
    list.push(u.id);
    children.set(u.parent_id, list);
  }
  const ids = new Set<number>();
  const stack = [...user.unitIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (ids.has(id)) continue;
    ids.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return { all: false, unitIds: ids };
}

export function canSeeUnit(scope: UnitScope, unitId: number): boolean {
  return scope.all || scope.unitIds.has(unitId);
}
