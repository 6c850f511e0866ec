/**
 * Values the unit's desk keeps typing for the same box: the recipient (the unit itself), the maternity
 * hospital, the commune… offered back as completions. Only plain text boxes and the place of a
 * "place and date": names, numbers, dates and addresses of people are never suggested.
 */
import type { Kysely } from 'kysely';
import type { FormTemplate } from '../../../core/forms/FormTemplate.ts';
import { templateFields } from '../../../core/forms/FormTemplate.ts';
import { getAt } from '../../../core/forms/value-path.ts';
import type { Database } from '../../db/schema.ts';
import '../dossiers/dossiers.tables.ts';

/** Dossiers looked at, newest first; enough to know the habits of a desk, cheap to read. */
const RECENT_DOSSIERS = 300;
const MAX_SUGGESTIONS = 8;

/** Whether a value path may be suggested: a `text` field, or the place part of a `placeAndDate`. */
export function suggestablePath(t: FormTemplate, path: string): boolean {
  return templateFields(t).some(
    (f) => (f.type === 'text' && f.key === path) || (f.type === 'placeAndDate' && `${f.key}.place` === path),
  );
}

/** The most frequent values of `path` in the unit's recent dossiers of this template, most used first. */
export async function suggestValues(
  db: Kysely<Database>,
  unitId: number,
  templateId: string,
  path: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('dossiers')
    .select('values')
    .where('unit_id', '=', unitId)
    .where('template_id', '=', templateId)
    .orderBy('id', 'desc')
    .limit(RECENT_DOSSIERS)
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows) {
    let v: unknown;
    try {
      v = getAt(JSON.parse(r.values), path);
    } catch {
      continue;
    }
    if (typeof v !== 'string' || v.trim() === '') continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SUGGESTIONS)
    .map(([v]) => v);
}
