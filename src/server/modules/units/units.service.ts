import type { Kysely } from 'kysely';
import type { CounterInput, CounterUpdate, UnitInput, UnitUpdate } from '../../../core/api/units.ts';
import type { CounterRow, Database, UnitRow } from '../../db/schema.ts';
import { recordEvent } from '../events/events.repo.ts';
import { findCounter, findUnit, findUnitByCode } from './units.repo.ts';

export type UnitError =
  | { error: 'parent_not_found' }
  | { error: 'duplicate_agency_code' }
  | { error: 'cycle' }
  | { error: 'not_found' }
  | { error: 'duplicate_counter_number' };

type Actor = { userId: number | null; ip: string };

async function wouldCycle(db: Kysely<Database>, unitId: number, newParentId: number): Promise<boolean> {
  let current: number | null = newParentId;
  const seen = new Set<number>();
  while (current != null && !seen.has(current)) {
    if (current === unitId) return true;
    seen.add(current);
    const row: { parent_id: number | null } | undefined = await db
      .selectFrom('units')
      .select('parent_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parent_id ?? null;
  }
  return false;
}

/** Creates a unit. Fails with parent_not_found or duplicate_agency_code. */
export async function createUnit(
  db: Kysely<Database>,
  input: UnitInput,
  actor: Actor,
): Promise<UnitRow | UnitError> {
  return db.transaction().execute(async (trx) => {
    if (input.parentId != null && !(await findUnit(trx, input.parentId)))
      return { error: 'parent_not_found' };
    if (await findUnitByCode(trx, input.agencyCode)) return { error: 'duplicate_agency_code' };
    const now = new Date().toISOString();
    const row = await trx
      .insertInto('units')
      .values({
        parent_id: input.parentId,
        name: input.name.normalize('NFC'),
        kind: input.kind,
        agency_code: input.agencyCode,
        address: input.address?.normalize('NFC') ?? null,
        phone: input.phone,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      unitId: row.id,
      entityType: 'unit',
      entityId: row.id,
      action: 'create',
      data: input,
      ip: actor.ip,
    });
    return row;
  });
}

/** Edits or deactivates a unit. Fails with not_found, parent_not_found, cycle or duplicate_agency_code. */
export async function updateUnit(
  db: Kysely<Database>,
  id: number,
  input: UnitUpdate,
  actor: Actor,
): Promise<UnitRow | UnitError> {
  return db.transaction().execute(async (trx) => {
    const before = await findUnit(trx, id);
    if (!before) return { error: 'not_found' };
    if (input.parentId != null) {
      if (!(await findUnit(trx, input.parentId))) return { error: 'parent_not_found' };
      if (await wouldCycle(trx, id, input.parentId)) return { error: 'cycle' };
    }
    if (
      input.agencyCode &&
      input.agencyCode !== before.agency_code &&
      (await findUnitByCode(trx, input.agencyCode))
    ) {
      return { error: 'duplicate_agency_code' };
    }
    const row = await trx
      .updateTable('units')
      .set({
        ...(input.name !== undefined && { name: input.name.normalize('NFC') }),
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.parentId !== undefined && { parent_id: input.parentId }),
        ...(input.agencyCode !== undefined && { agency_code: input.agencyCode }),
        ...(input.address !== undefined && { address: input.address?.normalize('NFC') ?? null }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      unitId: id,
      entityType: 'unit',
      entityId: id,
      action: input.active === false ? 'deactivate' : 'update',
      fromState: before.active === 1 ? 'active' : 'inactive',
      toState: row.active === 1 ? 'active' : 'inactive',
      data: input,
      ip: actor.ip,
    });
    return row;
  });
}

async function counterNumberTaken(db: Kysely<Database>, unitId: number, number: number, exceptId?: number) {
  let q = db.selectFrom('counters').select('id').where('unit_id', '=', unitId).where('number', '=', number);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Adds a counter to a unit's desk. Fails with duplicate_counter_number. */
export async function createCounter(
  db: Kysely<Database>,
  unitId: number,
  input: CounterInput,
  actor: Actor,
): Promise<CounterRow | UnitError> {
  return db.transaction().execute(async (trx) => {
    if (await counterNumberTaken(trx, unitId, input.number)) return { error: 'duplicate_counter_number' };
    const now = new Date().toISOString();
    const row = await trx
      .insertInto('counters')
      .values({
        unit_id: unitId,
        number: input.number,
        name: input.name.normalize('NFC'),
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      unitId,
      entityType: 'counter',
      entityId: row.id,
      action: 'create',
      data: input,
      ip: actor.ip,
    });
    return row;
  });
}

/** Edits or deactivates a counter. Fails with not_found or duplicate_counter_number. */
export async function updateCounter(
  db: Kysely<Database>,
  id: number,
  input: CounterUpdate,
  actor: Actor,
): Promise<CounterRow | UnitError> {
  return db.transaction().execute(async (trx) => {
    const before = await findCounter(trx, id);
    if (!before) return { error: 'not_found' };
    if (input.number !== undefined && (await counterNumberTaken(trx, before.unit_id, input.number, id))) {
      return { error: 'duplicate_counter_number' };
    }
    const row = await trx
      .updateTable('counters')
      .set({
        ...(input.number !== undefined && { number: input.number }),
        ...(input.name !== undefined && { name: input.name.normalize('NFC') }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      unitId: before.unit_id,
      entityType: 'counter',
      entityId: id,
      action: input.active === false ? 'deactivate' : 'update',
      data: input,
      ip: actor.ip,
    });
    return row;
  });
}

export function isUnitError(v: object): v is UnitError {
  return 'error' in v;
}
