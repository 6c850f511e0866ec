import type { Kysely } from 'kysely';
import { buildDocument } from '../../../core/document/build-document.ts';
import type { DocumentModel } from '../../../core/document/DocumentModel.ts';
import { type DossierAction, TRANSITIONS } from '../../../core/dossier/states.ts';
import { committedDueAt, formatLocalDateTime, timeliness } from '../../../core/dossier/timeliness.ts';
import { validateValues } from '../../../core/forms/validate-values.ts';
import type { Database } from '../../db/schema.ts';
import { findTemplate } from '../templates/template-store.ts';
import type { DossierRow } from './dossiers.service.ts';
import { agencyTitle, localDateTime, placeName } from './receipt.ts';

export const SLIP_KINDS = ['bo-sung', 'tu-choi', 'xin-loi', 'kiem-soat'] as const;
export type SlipKind = (typeof SLIP_KINDS)[number];

export const SLIP_TEMPLATES: Record<SlipKind, string> = {
  'bo-sung': 'phieu-yeu-cau-bo-sung',
  'tu-choi': 'phieu-tu-choi',
  'xin-loi': 'phieu-xin-loi',
  'kiem-soat': 'phieu-kiem-soat',
};

const FILE_NAMES: Record<SlipKind, string> = {
  'bo-sung': 'phieu-yeu-cau-bo-sung',
  'tu-choi': 'phieu-tu-choi',
  'xin-loi': 'phieu-xin-loi',
  'kiem-soat': 'phieu-kiem-soat',
};

export function slipFileName(kind: SlipKind, code: string): string {
  return `${FILE_NAMES[kind]}-${code}.pdf`;
}

/** One row of the dossier's event log, with the actor's name. */
export interface DossierEvent {
  at: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  actor: string | null;
  actorRole: string | null;
  data: Record<string, unknown> | null;
}

export async function dossierEvents(db: Kysely<Database>, code: string): Promise<DossierEvent[]> {
  const rows = await db
    .selectFrom('events')
    .leftJoin('users', 'users.id', 'events.actor_user_id')
    .select([
      'events.at',
      'events.action',
      'events.from_state',
      'events.to_state',
      'events.data',
      'users.full_name',
      'users.role',
    ])
    .where('entity_type', '=', 'dossier')
    .where('entity_id', '=', code)
    .orderBy('events.id')
    .execute();
  return rows.map((r) => ({
    at: r.at,
    action: r.action,
    fromState: r.from_state,
    toState: r.to_state,
    actor: r.full_name,
    actorRole: r.role,
    data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
  }));
}

export interface SlipContext {
  dossier: DossierRow;
  unitName: string;
  unitPhone: string | null;
  procedureName: string;
  events: DossierEvent[];
  now?: Date;
}

/** Why a slip cannot be printed yet: the event it reports has not happened. */
export type SlipError = { error: 'no_event'; message: string } | { error: 'template_missing' };

const NEEDS_EVENT: Partial<Record<SlipKind, { action: DossierAction; message: string }>> = {
  'bo-sung': {
    action: 'request_supplement',
    message: 'Hồ sơ chưa có yêu cầu bổ sung nên chưa in được Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  },
  'tu-choi': {
    action: 'refuse',
    message: 'Hồ sơ chưa bị từ chối tiếp nhận nên chưa in được Phiếu từ chối',
  },
  'xin-loi': {
    action: 'apologise',
    message: 'Hồ sơ chưa có hẹn lại ngày trả kết quả nên chưa in được Phiếu xin lỗi',
  },
};

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function applicantValues(d: DossierRow) {
  return {
    name: d.applicant_name || 'Người nộp hồ sơ',
    ...(d.applicant_address ? { address: d.applicant_address } : {}),
    ...(d.applicant_phone ? { phone: d.applicant_phone } : {}),
    ...(d.applicant_email ? { email: d.applicant_email } : {}),
  };
}

const DESK = 'Bộ phận tiếp nhận và trả kết quả';

/** The hand-overs of the control sheet (Mẫu 05), one per event that moved the file between people. */
export function controlSteps(ctx: SlipContext): Record<string, unknown>[] {
  const d = ctx.dossier;
  const citizen = `${d.applicant_name || 'Người nộp hồ sơ'} (người nộp)`;
  const apologies = ctx.events.filter((e) => e.action === 'apologise').map((e) => e.data ?? {});
  const due = d.due_at ? committedDueAt(d.due_at, apologies) : null;
  const who = (e: DossierEvent, fallback: string) =>
    e.actor
      ? e.actorRole === 'processor'
        ? `${e.actor} (chuyên viên xử lý)`
        : `${fallback} (${e.actor})`
      : fallback;
  const steps: Record<string, unknown>[] = [];
  for (const e of ctx.events) {
    // Only state changes hand the file over; attachments and the like are not rows of the sheet.
    if (!(e.action in TRANSITIONS)) continue;
    const reason = text(e.data?.reason);
    const label = e.action in TRANSITIONS ? TRANSITIONS[e.action as DossierAction].label : e.action;
    const note = reason ? `${label}: ${reason}` : label;
    const at = localDateTime(e.at);
    const result = due && ['finish', 'return_result'].includes(e.action) ? timeliness(e.at, due) : undefined;
    const resultValue = result
      ? { early: 'truoc-han', on_time: 'dung-han', late: 'qua-han' }[result]
      : undefined;
    let from: string;
    let to: string;
    switch (e.action) {
      case 'receive':
      case 'supplement_received':
      case 'payment_received':
        from = citizen;
        to = who(e, DESK);
        break;
      case 'start_processing':
        from = DESK;
        to = who(e, 'Bộ phận xử lý');
        break;
      case 'finish':
        from = who(e, 'Bộ phận xử lý');
        to = DESK;
        break;
      case 'apologise': {
        const newDue = text(e.data?.newDueAt);
        from = who(e, agencyTitle(ctx.unitName));
        to = citizen;
        steps.push({
          from,
          to,
          at,
          note: newDue ? `${note}; hẹn lại ${formatLocalDateTime(newDue)}` : note,
        });
        continue;
      }
      default:
        from = who(e, DESK);
        to = citizen;
    }
    steps.push({ from, to, at, ...(resultValue ? { result: resultValue } : {}), note });
  }
  return steps;
}

function lastEvent(events: DossierEvent[], action: string): DossierEvent | undefined {
  return events.filter((e) => e.action === action).at(-1);
}

/**
 * Fills a one-stop slip (Mẫu 02–05) from the dossier and its events. The supplement request and the
 * refusal need their event (the reason and the missing list come from it), the apology needs an
 * 'apologise' event (the old and new dates); the control sheet can be printed at any time.
 */
export async function buildSlipDocument(
  db: Kysely<Database>,
  kind: SlipKind,
  ctx: SlipContext,
): Promise<DocumentModel | SlipError> {
  const need = NEEDS_EVENT[kind];
  const event = need ? lastEvent(ctx.events, need.action) : undefined;
  if (need && !event) return { error: 'no_event', message: need.message };
  const template = await findTemplate(db, SLIP_TEMPLATES[kind]);
  if (!template) return { error: 'template_missing' };
  const d = ctx.dossier;
  const agency = agencyTitle(ctx.unitName);
  const issuedOn = localDateTime(event?.at ?? (ctx.now ?? new Date()).toISOString()).slice(0, 10);
  const issuedAt = { place: placeName(ctx.unitName), date: issuedOn };
  const head = { agency: { name: agency, desk: DESK }, dossierCode: d.code };
  const receivingUnit = `${DESK} ${agency}`;
  let values: Record<string, unknown>;
  switch (kind) {
    case 'bo-sung': {
      const missing = Array.isArray(event?.data?.missing) ? (event.data.missing as unknown[]) : [];
      values = {
        ...head,
        issuedAt,
        receivingUnit,
        applicant: applicantValues(d),
        request: ctx.procedureName,
        missing: missing.filter((m) => typeof m === 'string').map((item) => ({ item })),
        reason: text(event?.data?.reason) ?? '',
        guide: {
          ...(event?.actor ? { name: event.actor } : {}),
          ...(ctx.unitPhone ? { phone: ctx.unitPhone } : {}),
        },
      };
      break;
    }
    case 'tu-choi':
      values = {
        ...head,
        issuedAt,
        receivingUnit,
        applicant: applicantValues(d),
        request: ctx.procedureName,
        agencyFull: agency,
        reason: text(event?.data?.reason) ?? '',
        ...(event?.actor ? { officer: { name: event.actor } } : {}),
      };
      break;
    case 'xin-loi': {
      const previous = text(event?.data?.previousDueAt);
      const next = text(event?.data?.newDueAt);
      values = {
        ...head,
        issuedAt,
        applicant: applicantValues(d),
        ...(d.received_at ? { receivedOn: localDateTime(d.received_at).slice(0, 10) } : {}),
        agencyFull: agency,
        request: ctx.procedureName,
        ...(previous ? { previousDueAt: localDateTime(previous) } : {}),
        reason: text(event?.data?.reason) ?? '',
        ...(next ? { newDueAt: localDateTime(next) } : {}),
      };
      break;
    }
    case 'kiem-soat':
      values = {
        ...head,
        applicant: applicantValues(d),
        request: ctx.procedureName,
        ...(d.received_at ? { receivedAt: localDateTime(d.received_at) } : {}),
        ...(d.due_at ? { dueAt: localDateTime(d.due_at) } : {}),
        handlingUnit: agency,
        steps: controlSteps(ctx),
      };
      break;
  }
  // Draft mode: a slip prints what the dossier has; a missing value prints as a dotted blank.
  const v = validateValues(template, values, { draft: true });
  return buildDocument(template, v.values, { title: `${template.title} ${d.code}` });
}
