import type { Kysely } from 'kysely';
import type { CounterView, UnitKind, UnitView } from '../../../core/api/units.ts';
import type { CounterRow, Database, UnitRow } from '../../db/schema.ts';

export function toUnitView(r: UnitRow): UnitView {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind as UnitKind,
    agencyCode: r.agency_code,
    address: r.address,
    phone: r.phone,
    active: r.active === 1,
  };
}

export function toCounterView(r: CounterRow): CounterView {
  return { id: r.id, unitId: r.unit_id, number: r.number, name: r.name, active: r.active === 1 };
}

export function findUnit(db: Kysely<Database>, id: number): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUnitByCode(db: Kysely<Database>, agencyCode: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('agency_code', '=', agencyCode).executeTakeFirst();
}

export function listUnits(db: Kysely<Database>): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().orderBy('parent_id').orderBy('name').execute();
}

export function findCounter(db: Kysely<Database>, id: number): Promise<CounterRow | undefined> {
  return db.selectFrom('counters').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCounters(db: Kysely<Database>, unitId: number): Promise<CounterRow[]> {
  return db.selectFrom('counters').selectAll().where('unit_id', '=', unitId).orderBy('number').execute();
}
