import type { Kysely } from 'kysely';
import { DayOverride } from '../../../core/calendar/DayOverride.ts';
import { KNOWN_OVERRIDES } from '../../../core/calendar/known-overrides.ts';
import type { Database } from '../../db/schema.ts';
import './procedures.tables.ts';

/** The shipped announced days merged with the administrator's; the administrator's entry wins on the same date. */
export async function loadOverrides(db: Kysely<Database>): Promise<DayOverride[]> {
  const rows = await db.selectFrom('calendar_overrides').selectAll().execute();
  const byDate = new Map<string, DayOverride>(KNOWN_OVERRIDES.map((o) => [o.date, o]));
  for (const r of rows) {
    const parsed = DayOverride.safeParse({ date: r.date, kind: r.kind, note: r.note ?? undefined });
    if (parsed.success) byDate.set(r.date, parsed.data);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
