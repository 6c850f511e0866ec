import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { ProcedureInput, type ProcedureView } from '../../../core/api/procedures.ts';
import type { Database } from '../../db/schema.ts';
import type { ProcedureTable } from './procedures.tables.ts';
import './procedures.tables.ts';

export const CATALOGUE_FILE = resolve('catalogue/procedures.json');

export function toProcedureView(r: Selectable<ProcedureTable>): ProcedureView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    field: r.field,
    templateId: r.template_id,
    processingDays: r.processing_days,
    sameDay: r.same_day === 1,
    fees: JSON.parse(r.fees),
    documents: JSON.parse(r.documents),
    resultDelivery: r.result_delivery,
    ...(r.legal_basis ? { legalBasis: r.legal_basis } : {}),
    active: r.active === 1,
  };
}

export function findProcedureByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('procedures').selectAll().where('code', '=', code).executeTakeFirst();
}

export function procedureRow(input: ProcedureInput, now: string) {
  return {
    code: input.code,
    name: input.name.normalize('NFC'),
    field: input.field,
    template_id: input.templateId,
    processing_days: input.sameDay ? 0 : input.processingDays,
    same_day: input.sameDay ? 1 : 0,
    fees: JSON.stringify(input.fees),
    documents: JSON.stringify(input.documents),
    result_delivery: input.resultDelivery,
    legal_basis: input.legalBasis ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Adds catalogue procedures that are not in the database yet (an administrator's edits are never
 * overwritten). Procedures whose template is not stored are skipped and reported.
 */
export async function syncProceduresFromCatalogue(
  db: Kysely<Database>,
  file: string = CATALOGUE_FILE,
): Promise<{ added: number; skipped: string[] }> {
  const entries = z.array(ProcedureInput).parse(JSON.parse(readFileSync(file, 'utf8')));
  const existing = new Set((await db.selectFrom('procedures').select('code').execute()).map((r) => r.code));
  const templates = new Set(
    (await db.selectFrom('form_templates').select('template_id').distinct().execute()).map(
      (r) => r.template_id,
    ),
  );
  const now = new Date().toISOString();
  const skipped: string[] = [];
  const rows = [];
  for (const e of entries) {
    if (existing.has(e.code)) continue;
    if (!templates.has(e.templateId)) {
      skipped.push(`${e.code} (${e.templateId})`);
      continue;
    }
    rows.push(procedureRow(e, now));
  }
  if (rows.length > 0) await db.insertInto('procedures').values(rows).execute();
  return { added: rows.length, skipped };
}
