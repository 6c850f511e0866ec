import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RatingInput, RatingStage, SubmissionInput } from '../../../core/api/portal.ts';
import { codeDay, formatDossierCode } from '../../../core/dossier/dossier-code.ts';
import type { ValidationError } from '../../../core/forms/validate-values.ts';
import { validateValues } from '../../../core/forms/validate-values.ts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { applicantFrom } from '../dossiers/applicant.ts';
import { newDossierRow, nextDossierSequence } from '../dossiers/dossiers.service.ts';
import '../dossiers/dossiers.tables.ts';
import { recordEvent } from '../events/events.repo.ts';
import { findProcedureByCode } from '../procedures/procedures.repo.ts';
import { findTemplate } from '../templates/template-store.ts';
import './portal.tables.ts';

/** No 0/O, 1/I/L: a code read aloud or typed from a phone screen must not be misread. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PREFILL_DAYS = 30;

export function newPrefillCode(length = 8): string {
  let s = '';
  for (let i = 0; i < length; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export type SubmissionError =
  | { error: 'unit_not_found' }
  | { error: 'procedure_not_found' }
  | { error: 'procedure_not_served' }
  | { error: 'invalid_values'; errors: ValidationError[] };

export type SubmissionResult =
  | { code: string; secret: string; mode: 'prefill' | 'online'; expiresAt?: string }
  | SubmissionError;

/**
 * A citizen's online form: either kept as a prefill to bring to the desk (a short random code, used once),
 * or submitted as a dossier in state "new" with a secret for tracking. Validation is the counter's own.
 */
export async function createSubmission(
  db: Kysely<Database>,
  input: SubmissionInput,
  ip: string,
): Promise<SubmissionResult> {
  const unit = await db
    .selectFrom('units')
    .select(['id', 'agency_code', 'active'])
    .where('id', '=', input.unitId)
    .executeTakeFirst();
  if (unit?.active !== 1) return { error: 'unit_not_found' };
  const procedure = await findProcedureByCode(db, input.procedureCode);
  if (procedure?.active !== 1) return { error: 'procedure_not_found' };
  const served = await db
    .selectFrom('unit_procedures')
    .select('unit_id')
    .where('unit_id', '=', unit.id)
    .where('procedure_id', '=', procedure.id)
    .executeTakeFirst();
  if (!served) return { error: 'procedure_not_served' };
  const template = await findTemplate(db, procedure.template_id);
  if (!template) return { error: 'procedure_not_found' };
  const validation = validateValues(template, input.values);
  if (!validation.ok) return { error: 'invalid_values', errors: validation.errors };
  const secret = newToken(18);
  const now = new Date();
  const iso = now.toISOString();

  if (input.mode === 'prefill') {
    const expiresAt = new Date(now.getTime() + PREFILL_DAYS * 86_400_000).toISOString();
    for (let attempt = 0; ; attempt++) {
      const code = newPrefillCode();
      const taken = await db.selectFrom('prefills').select('id').where('code', '=', code).executeTakeFirst();
      if (taken && attempt < 5) continue;
      await db
        .insertInto('prefills')
        .values({
          code,
          unit_id: unit.id,
          procedure_code: procedure.code,
          template_id: template.id,
          template_version: template.version,
          values: JSON.stringify(validation.values),
          secret_hash: hashToken(secret),
          created_at: iso,
          expires_at: expiresAt,
          used_at: null,
          dossier_code: null,
        })
        .execute();
      return { code, secret, mode: 'prefill', expiresAt };
    }
  }

  const applicant = applicantFrom(template, validation.values);
  return db.transaction().execute(async (trx) => {
    const day = codeDay(now);
    const sequence = await nextDossierSequence(trx, unit.agency_code, day);
    const code = formatDossierCode(unit.agency_code, day, sequence);
    await trx
      .insertInto('dossiers')
      .values(
        newDossierRow({
          code,
          unitId: unit.id,
          procedureCode: procedure.code,
          template,
          values: validation.values,
          applicant,
          channel: 'online',
          status: 'new',
          now,
          secretHash: hashToken(secret),
        }),
      )
      .execute();
    await recordEvent(trx, {
      actorUserId: null,
      unitId: unit.id,
      entityType: 'dossier',
      entityId: code,
      action: 'submit_online',
      toState: 'new',
      ip,
    });
    return { code, secret, mode: 'online' as const };
  });
}

export type RatingError =
  | { error: 'not_found' }
  | { error: 'already_rated' }
  | { error: 'not_ready'; message: string };

/** One rating per dossier per stage, tied to the dossier's unit, counter and officer. */
export async function recordRating(
  db: Kysely<Database>,
  args: { dossierCode: string; stage: RatingStage; input: RatingInput; source: string; ip: string },
): Promise<{ ok: true } | RatingError> {
  const d = await db
    .selectFrom('dossiers')
    .select(['id', 'unit_id', 'counter_id', 'officer_id', 'status'])
    .where('code', '=', args.dossierCode)
    .executeTakeFirst();
  if (!d) return { error: 'not_found' };
  if (args.stage === 'result' && d.status !== 'returned') {
    return { error: 'not_ready', message: 'Hồ sơ chưa trả kết quả nên chưa thể đánh giá khâu trả kết quả' };
  }
  if (args.stage === 'receipt' && (d.status === 'new' || d.status === 'refused')) {
    return { error: 'not_ready', message: 'Hồ sơ chưa được tiếp nhận' };
  }
  try {
    return await insertRating(db, d, args);
  } catch (err) {
    if (isUniqueViolation(err)) return { error: 'already_rated' };
    throw err;
  }
}

function insertRating(
  db: Kysely<Database>,
  d: { id: number; unit_id: number; counter_id: number | null; officer_id: number | null },
  args: { dossierCode: string; stage: RatingStage; input: RatingInput; source: string; ip: string },
): Promise<{ ok: true } | RatingError> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('ratings')
      .select('id')
      .where('dossier_id', '=', d.id)
      .where('stage', '=', args.stage)
      .executeTakeFirst();
    if (existing) return { error: 'already_rated' } as const;
    await trx
      .insertInto('ratings')
      .values({
        dossier_id: d.id,
        stage: args.stage,
        rating: args.input.rating,
        reasons: JSON.stringify(args.input.reasons),
        comment: args.input.comment ?? null,
        unit_id: d.unit_id,
        counter_id: d.counter_id,
        officer_id: d.officer_id,
        source: args.source,
        created_at: new Date().toISOString(),
      })
      .execute();
    await recordEvent(trx, {
      actorUserId: null,
      unitId: d.unit_id,
      entityType: 'dossier',
      entityId: args.dossierCode,
      action: 'rate',
      data: { stage: args.stage, rating: args.input.rating, source: args.source },
      ip: args.ip,
    });
    return { ok: true } as const;
  });
}
