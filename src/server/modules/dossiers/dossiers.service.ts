import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Role } from '../../../core/api/auth.ts';
import type { DocumentKind } from '../../../core/api/procedures.ts';
import { computeDueAt, type Pause } from '../../../core/calendar/due-date.ts';
import { vnIsoDateOf } from '../../../core/calendar/iso-date.ts';
import { codeDay, formatDossierCode } from '../../../core/dossier/dossier-code.ts';
import {
  type Channel,
  checkTransition,
  type DossierAction,
  type DossierStatus,
} from '../../../core/dossier/states.ts';
import type { ValidationError } from '../../../core/forms/validate-values.ts';
import { validateValues } from '../../../core/forms/validate-values.ts';
import type { Database } from '../../db/schema.ts';
import { recordEvent } from '../events/events.repo.ts';
import { loadOverrides } from '../procedures/calendar.service.ts';
import { findProcedureByCode } from '../procedures/procedures.repo.ts';
import { findTemplate } from '../templates/template-store.ts';
import { type Applicant, applicantFrom } from './applicant.ts';
import type { DossierTable } from './dossiers.tables.ts';
import './dossiers.tables.ts';
import '../portal/portal.tables.ts';

export type DossierRow = Selectable<DossierTable>;

export interface ReceivedDocument {
  name: string;
  kind: DocumentKind;
  count: number;
}

export interface ReceiveInput {
  procedureCode: string;
  values: Record<string, unknown>;
  documents?: ReceivedDocument[];
  draftId?: string;
  /** The code of a form the citizen filled online before coming; it can be received once. */
  prefillCode?: string;
  channel: Exclude<Channel, 'online'>;
  unitId: number;
  counterId?: number;
  officerId: number;
  ip: string;
  now?: Date;
}

export type ReceiveError =
  | { error: 'procedure_not_found' }
  | { error: 'procedure_not_served' }
  | { error: 'template_missing' }
  | { error: 'invalid_values'; errors: ValidationError[] }
  | { error: 'counter_not_found' }
  | { error: 'prefill_used' };

export type ReceiveResult = { dossier: DossierRow; replay: boolean } | ReceiveError;

/** Next number of a per-key counter inside the caller's transaction: the row lock makes it gapless and unique. */
export async function nextDossierSequence(
  trx: Transaction<Database>,
  agencyCode: string,
  day: string,
): Promise<number> {
  const row = await trx
    .insertInto('dossier_sequences')
    .values({ agency_code: agencyCode, day, last: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_code', 'day']).doUpdateSet({ last: sql`dossier_sequences.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

async function nextLogbookNumber(trx: Transaction<Database>, unitId: number, year: number): Promise<number> {
  const row = await trx
    .insertInto('logbook_sequences')
    .values({ unit_id: unitId, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'year']).doUpdateSet({ last: sql`logbook_sequences.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

function localYear(instant: Date): number {
  return Number(vnIsoDateOf(instant).slice(0, 4));
}

/**
 * The row of a new dossier: at the desk it is received at once (`received`); online it waits in state
 * "new" with a secret for tracking (`secretHash`) until the desk receives it.
 */
export function newDossierRow(d: {
  code: string;
  unitId: number;
  procedureCode: string;
  template: { id: string; version: number };
  values: Record<string, unknown>;
  applicant: Applicant;
  channel: Channel;
  status: DossierStatus;
  now: Date;
  received?: {
    documents: ReceivedDocument[];
    officerId: number;
    counterId: number | null;
    dueAt: string;
    logbookYear: number;
    logbookNumber: number;
    draftId: string | null;
  };
  secretHash?: string;
}): Insertable<DossierTable> {
  const iso = d.now.toISOString();
  const r = d.received;
  return {
    code: d.code,
    unit_id: d.unitId,
    procedure_code: d.procedureCode,
    template_id: d.template.id,
    template_version: d.template.version,
    values: JSON.stringify(d.values),
    applicant_name: d.applicant.name,
    applicant_id_number: d.applicant.idNumber,
    applicant_address: d.applicant.address,
    applicant_phone: d.applicant.phone,
    applicant_email: d.applicant.email,
    channel: d.channel,
    status: d.status,
    documents: JSON.stringify(r?.documents ?? []),
    officer_id: r?.officerId ?? null,
    counter_id: r?.counterId ?? null,
    processor_id: null,
    received_at: r ? iso : null,
    due_at: r?.dueAt ?? null,
    committed_due_at: r?.dueAt ?? null,
    logbook_year: r?.logbookYear ?? null,
    logbook_number: r?.logbookNumber ?? null,
    paused_at: null,
    finished_at: null,
    returned_at: null,
    draft_id: r?.draftId ?? null,
    public_secret_hash: d.secretHash ?? null,
    digitised: 0,
    created_at: iso,
    updated_at: iso,
  };
}

/**
 * Receives a dossier at the desk in one transaction: the values snapshot with the template version,
 * the gapless code, the logbook number, the due date and the event row. A repeated draftId returns the
 * dossier already made from it (a retried request never makes two).
 */
export async function receiveDossier(db: Kysely<Database>, input: ReceiveInput): Promise<ReceiveResult> {
  // One read answers: the procedure, whether this unit serves it, its template's latest version and the
  // unit's agency code (intake is the hot path; each round trip costs more than the query itself).
  const procedure = await db
    .selectFrom('procedures')
    .leftJoin('unit_procedures', (j) =>
      j
        .onRef('unit_procedures.procedure_id', '=', 'procedures.id')
        .on('unit_procedures.unit_id', '=', input.unitId),
    )
    .select([
      'procedures.id',
      'procedures.code',
      'procedures.template_id',
      'procedures.processing_days',
      'procedures.same_day',
      'procedures.active',
      'unit_procedures.unit_id as served_by',
    ])
    .select((eb) => [
      eb
        .selectFrom('form_templates')
        .select((t) => t.fn.max('form_templates.version').as('v'))
        .whereRef('form_templates.template_id', '=', 'procedures.template_id')
        .as('template_version'),
      eb
        .selectFrom('units')
        .select('units.agency_code')
        .where('units.id', '=', input.unitId)
        .as('agency_code'),
    ])
    .where('procedures.code', '=', input.procedureCode)
    .executeTakeFirst();
  if (procedure?.active !== 1) return { error: 'procedure_not_found' };
  if (procedure.served_by == null) return { error: 'procedure_not_served' };
  if (input.counterId !== undefined) {
    const counter = await db
      .selectFrom('counters')
      .select('id')
      .where('id', '=', input.counterId)
      .where('unit_id', '=', input.unitId)
      .executeTakeFirst();
    if (!counter) return { error: 'counter_not_found' };
  }
  if (procedure.template_version == null) return { error: 'template_missing' };
  const template = await findTemplate(db, procedure.template_id, Number(procedure.template_version));
  if (!template) return { error: 'template_missing' };
  const validation = validateValues(template, input.values);
  if (!validation.ok) return { error: 'invalid_values', errors: validation.errors };
  const applicant = applicantFrom(template, validation.values);
  const overrides = await loadOverrides(db);

  return db.transaction().execute(async (trx) => {
    if (input.draftId) {
      const existing = await trx
        .selectFrom('dossiers')
        .selectAll()
        .where('draft_id', '=', input.draftId)
        .executeTakeFirst();
      if (existing) return { dossier: existing, replay: true };
    }
    const now = input.now ?? new Date();
    if (input.prefillCode) {
      // Claimed before anything is written, so a second intake of the same prefill writes nothing.
      const claimed = await trx
        .updateTable('prefills')
        .set({ used_at: now.toISOString() })
        .where('code', '=', input.prefillCode)
        .where('unit_id', '=', input.unitId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return { error: 'prefill_used' } as const;
    }
    const unit = procedure.agency_code
      ? { agency_code: procedure.agency_code }
      : await trx
          .selectFrom('units')
          .select(['agency_code'])
          .where('id', '=', input.unitId)
          .executeTakeFirstOrThrow();
    const day = codeDay(now);
    const sequence = await nextDossierSequence(trx, unit.agency_code, day);
    const year = localYear(now);
    const logbookNumber = await nextLogbookNumber(trx, input.unitId, year);
    const workingDays = procedure.same_day === 1 ? 0 : procedure.processing_days;
    const dueAt = computeDueAt({ receivedAt: now, workingDays, overrides });
    const dossier = await trx
      .insertInto('dossiers')
      .values(
        newDossierRow({
          code: formatDossierCode(unit.agency_code, day, sequence),
          unitId: input.unitId,
          procedureCode: procedure.code,
          template,
          values: validation.values,
          applicant,
          channel: input.channel,
          status: 'received',
          now,
          received: {
            documents: input.documents ?? [],
            officerId: input.officerId,
            counterId: input.counterId ?? null,
            dueAt: dueAt.toISOString(),
            logbookYear: year,
            logbookNumber,
            draftId: input.draftId ?? null,
          },
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.prefillCode) {
      await trx
        .updateTable('prefills')
        .set({ dossier_code: dossier.code })
        .where('code', '=', input.prefillCode)
        .execute();
    }
    await recordEvent(trx, {
      actorUserId: input.officerId,
      unitId: input.unitId,
      entityType: 'dossier',
      entityId: dossier.code,
      action: 'receive',
      fromState: null,
      toState: 'received',
      data: {
        counterId: input.counterId ?? null,
        templateVersion: template.version,
        channel: input.channel,
        prefillCode: input.prefillCode ?? null,
      },
      ip: input.ip,
    });
    return { dossier, replay: false };
  });
}

export type ActionError =
  | { error: 'not_found' }
  | { error: 'invalid_transition' | 'forbidden_role' | 'reason_required'; message: string }
  | { error: 'invalid_new_due'; message: string };

export interface ActionInput {
  action: DossierAction;
  reason?: string;
  /** What the citizen must add, for a supplement request. */
  missing?: string[];
  /** A new appointment, for the apology letter of a late dossier. */
  newDueAt?: string;
}

async function pausesOf(trx: Kysely<Database>, dossierId: number): Promise<Pause[]> {
  const rows = await trx
    .selectFrom('dossier_pauses')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .execute();
  return rows.filter((r) => r.to_at).map((r) => ({ from: new Date(r.from_at), to: new Date(r.to_at!) }));
}

/**
 * Moves a dossier to its next state, writing the event in the same transaction. Supplement waiting time
 * is recorded as a pause and the due date moves by the working time lost.
 */
export async function applyAction(
  db: Kysely<Database>,
  dossierId: number,
  input: ActionInput,
  actor: { userId: number; role: Role; ip: string },
): Promise<DossierRow | ActionError> {
  // Only the steps that set a due date need the calendar; most actions never read it.
  const needsCalendar = input.action === 'receive' || input.action === 'supplement_received';
  const overrides = needsCalendar ? await loadOverrides(db) : [];
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('dossiers')
      .selectAll()
      .where('id', '=', dossierId)
      .executeTakeFirst();
    if (!before) return { error: 'not_found' } as const;
    const check = checkTransition(before.status as DossierStatus, input.action, actor.role, input.reason);
    if (!check.ok) return { error: check.error, message: check.message };
    const now = new Date();
    const iso = now.toISOString();
    const patch: Partial<DossierRow> = { status: check.to, updated_at: iso };
    let eventData: Record<string, unknown> = { reason: input.reason ?? null, missing: input.missing ?? null };

    if (input.action === 'apologise') {
      const newDue = input.newDueAt ? new Date(input.newDueAt) : null;
      if (!newDue || Number.isNaN(newDue.getTime()))
        return { error: 'invalid_new_due', message: 'Vui lòng nhập ngày hẹn trả kết quả mới' } as const;
      if (newDue.getTime() <= now.getTime() || (before.due_at && newDue.toISOString() <= before.due_at))
        return {
          error: 'invalid_new_due',
          message: 'Ngày hẹn trả kết quả mới phải sau ngày hẹn cũ và sau thời điểm hiện tại',
        } as const;
      patch.due_at = newDue.toISOString();
      eventData = { reason: input.reason ?? null, previousDueAt: before.due_at, newDueAt: patch.due_at };
    }

    if (input.action === 'request_supplement') {
      await trx
        .insertInto('dossier_pauses')
        .values({ dossier_id: dossierId, from_at: iso, to_at: null, reason: input.reason ?? null })
        .execute();
      patch.paused_at = iso;
    }
    if (input.action === 'supplement_received' && before.paused_at) {
      await trx
        .updateTable('dossier_pauses')
        .set({ to_at: iso })
        .where('dossier_id', '=', dossierId)
        .where('to_at', 'is', null)
        .execute();
      patch.paused_at = null;
      if (before.received_at) {
        const procedure = await findProcedureByCode(trx, before.procedure_code);
        const workingDays = procedure ? (procedure.same_day === 1 ? 0 : procedure.processing_days) : 0;
        const pauses = await pausesOf(trx, dossierId);
        const extended = computeDueAt({
          receivedAt: new Date(before.received_at),
          workingDays,
          overrides,
          pauses,
        }).toISOString();
        patch.committed_due_at = extended;
        // A date promised in an apology letter that is later still stands.
        patch.due_at =
          before.due_at && before.due_at > extended && before.committed_due_at !== before.due_at
            ? before.due_at
            : extended;
      }
    }
    if (input.action === 'receive') {
      // An online dossier is counted from the moment the desk accepts it.
      const procedure = await findProcedureByCode(trx, before.procedure_code);
      const workingDays = procedure ? (procedure.same_day === 1 ? 0 : procedure.processing_days) : 0;
      const year = localYear(now);
      patch.received_at = iso;
      patch.due_at = computeDueAt({ receivedAt: now, workingDays, overrides }).toISOString();
      patch.committed_due_at = patch.due_at;
      patch.officer_id = actor.userId;
      patch.logbook_year = year;
      patch.logbook_number = await nextLogbookNumber(trx, before.unit_id, year);
    }
    if (input.action === 'start_processing') patch.processor_id = actor.userId;
    if (
      input.action === 'finish' ||
      input.action === 'stop' ||
      input.action === 'refuse' ||
      input.action === 'withdraw'
    ) {
      patch.finished_at = iso;
    }
    if (input.action === 'return_result') patch.returned_at = iso;

    const after = await trx
      .updateTable('dossiers')
      .set(patch)
      .where('id', '=', dossierId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      unitId: before.unit_id,
      entityType: 'dossier',
      entityId: before.code,
      action: input.action,
      fromState: before.status,
      toState: check.to,
      data: eventData,
      ip: actor.ip,
    });
    return after;
  });
}

/**
 * On time = finished (or, while open, now) no later than the committed appointment: supplement time is
 * already added to it, and an apology's new date does not excuse the delay.
 */
export function isOnTime(
  d: Pick<DossierRow, 'due_at' | 'committed_due_at' | 'finished_at'>,
  now: Date = new Date(),
): boolean | null {
  const due = d.committed_due_at ?? d.due_at;
  if (!due) return null;
  const end = d.finished_at ?? now.toISOString();
  return end <= due;
}
