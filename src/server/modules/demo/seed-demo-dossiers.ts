import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { applyAction, receiveDossier } from '../dossiers/dossiers.service.ts';
import { createSubmission, recordRating } from '../portal/portal.service.ts';
import { findTemplate } from '../templates/template-store.ts';
import '../procedures/procedures.tables.ts';

type Step = 'start_processing' | 'finish' | 'return_result';

/** A few weeks of desk work at Phường Sa Đéc, so the work queue, logbook and dashboard have something to show. */
const PLAN: {
  code: string;
  daysAgo: number;
  steps: Step[];
  rating?: 'very_satisfied' | 'satisfied' | 'unsatisfied';
}[] = [
  { code: '1.001193', daysAgo: 20, steps: ['finish', 'return_result'], rating: 'very_satisfied' },
  { code: '1.000894', daysAgo: 15, steps: ['finish', 'return_result'], rating: 'satisfied' },
  { code: '1.004873', daysAgo: 9, steps: ['start_processing', 'finish'], rating: 'very_satisfied' },
  { code: '1.001022', daysAgo: 8, steps: ['start_processing'], rating: 'unsatisfied' },
  { code: '1.004859', daysAgo: 2, steps: ['start_processing'] },
  { code: '1.000656', daysAgo: 1, steps: [], rating: 'satisfied' },
  { code: '2.000815', daysAgo: 0, steps: [] },
];

export async function seedDemoDossiers(db: Kysely<Database>): Promise<number> {
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('agency_code', '=', '000.00.29.H18')
    .executeTakeFirst();
  const officer = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'tiepnhan')
    .executeTakeFirst();
  const processor = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'xuly')
    .executeTakeFirst();
  if (!unit || !officer || !processor) return 0;
  const counter = await db
    .selectFrom('counters')
    .select('id')
    .where('unit_id', '=', unit.id)
    .orderBy('number')
    .executeTakeFirst();
  let made = 0;
  for (const p of PLAN) {
    const procedure = await db
      .selectFrom('procedures')
      .select('template_id')
      .where('code', '=', p.code)
      .executeTakeFirst();
    const template = procedure && (await findTemplate(db, procedure.template_id));
    if (!template) continue;
    const when = new Date(Date.now() - p.daysAgo * 86_400_000);
    when.setUTCHours(2, 30, 0, 0); // 09:30 in Vietnam
    // Desks are closed at weekends: move a Saturday or Sunday back to Friday.
    while (when.getUTCDay() === 0 || when.getUTCDay() === 6) when.setUTCDate(when.getUTCDate() - 1);
    const result = await receiveDossier(db, {
      procedureCode: p.code,
      values: template.samples[0]!.values,
      channel: 'in_person',
      unitId: unit.id,
      ...(counter ? { counterId: counter.id } : {}),
      officerId: officer.id,
      ip: 'seed',
      now: when,
    });
    if ('error' in result) continue;
    made++;
    for (const step of p.steps) {
      const actor =
        step === 'return_result'
          ? { userId: officer.id, role: 'officer' as const }
          : { userId: processor.id, role: 'processor' as const };
      await applyAction(db, result.dossier.id, { action: step }, { ...actor, ip: 'seed' });
    }
    if (p.rating) {
      await recordRating(db, {
        dossierCode: result.dossier.code,
        stage: 'receipt',
        input: { rating: p.rating, reasons: [] },
        source: 'seed',
        ip: 'seed',
      });
    }
  }
  const online = await db
    .selectFrom('procedures')
    .select('template_id')
    .where('code', '=', '1.001193')
    .executeTakeFirst();
  const template = online && (await findTemplate(db, online.template_id));
  if (template) {
    const r = await createSubmission(
      db,
      { procedureCode: '1.001193', unitId: unit.id, values: template.samples[0]!.values, mode: 'online' },
      'seed',
    );
    if (!('error' in r)) made++;
  }
  return made;
}
