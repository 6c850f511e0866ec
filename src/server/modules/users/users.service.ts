import type { Kysely } from 'kysely';
import type { Role, UserInput, UserUpdate } from '../../../core/api/auth.ts';
import type { Database, UserRow } from '../../db/schema.ts';
import { sessionEnded } from '../auth/auth.events.ts';
import { hashPassword } from '../auth/passwords.ts';
import { recordEvent } from '../events/events.repo.ts';

export type UserError =
  | { error: 'duplicate_username' }
  | { error: 'unit_not_found' }
  | { error: 'not_found' };

type Actor = { userId: number | null; ip: string | null };

async function unitsExist(db: Kysely<Database>, ids: number[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const found = await db.selectFrom('units').select('id').where('id', 'in', ids).execute();
  return found.length === new Set(ids).size;
}

/** Creates an account. Fails with duplicate_username or unit_not_found; nothing is written then. */
export async function createUser(
  db: Kysely<Database>,
  input: UserInput,
  actor: Actor,
): Promise<UserRow | UserError> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (existing) return { error: 'duplicate_username' };
    if (!(await unitsExist(trx, input.unitIds))) return { error: 'unit_not_found' };
    const now = new Date().toISOString();
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        full_name: input.fullName.normalize('NFC'),
        password_hash: passwordHash,
        role: input.role,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('user_units')
      .values([...new Set(input.unitIds)].map((unit_id) => ({ user_id: row.id, unit_id })))
      .execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      entityType: 'user',
      entityId: row.id,
      action: 'create',
      data: { username: input.username, role: input.role, unitIds: input.unitIds },
      ip: actor.ip,
    });
    return row;
  });
}

/**
 * Edits an account. Deactivating or changing the password ends the user's sessions,
 * so a stolen or old token stops working at once. Fails with not_found or unit_not_found.
 */
export async function updateUser(
  db: Kysely<Database>,
  id: number,
  input: UserUpdate,
  actor: Actor,
): Promise<UserRow | UserError> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const updated = await db.transaction().execute(async (trx): Promise<UserRow | UserError> => {
    const before = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return { error: 'not_found' };
    if (input.unitIds && !(await unitsExist(trx, input.unitIds))) return { error: 'unit_not_found' };
    const row = await trx
      .updateTable('users')
      .set({
        ...(input.fullName !== undefined && { full_name: input.fullName.normalize('NFC') }),
        ...(input.role !== undefined && { role: input.role as Role }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        ...(passwordHash !== undefined && { password_hash: passwordHash }),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.unitIds) {
      await trx.deleteFrom('user_units').where('user_id', '=', id).execute();
      await trx
        .insertInto('user_units')
        .values([...new Set(input.unitIds)].map((unit_id) => ({ user_id: id, unit_id })))
        .execute();
    }
    if (input.active === false || passwordHash !== undefined) {
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    const { password: _omit, ...logged } = input;
    await recordEvent(trx, {
      actorUserId: actor.userId,
      entityType: 'user',
      entityId: id,
      action: passwordHash ? 'reset_password' : input.active === false ? 'deactivate' : 'update',
      fromState: before.active === 1 ? 'active' : 'inactive',
      toState: row.active === 1 ? 'active' : 'inactive',
      data: logged,
      ip: actor.ip,
    });
    return row;
  });
  if (!isUserError(updated) && (input.active === false || passwordHash !== undefined)) {
    sessionEnded({ userId: id });
  }
  return updated;
}

export function isUserError(v: object): v is UserError {
  return 'error' in v;
}
