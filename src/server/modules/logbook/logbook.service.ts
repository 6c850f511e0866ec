import type { Kysely } from 'kysely';
import type { LogbookRow, LogbookView } from '../../../core/api/logbook.ts';
import {
  CHANNEL_INFO,
  type Channel,
  type DossierStatus,
  OPEN_STATES,
  STATUS_INFO,
} from '../../../core/dossier/states.ts';
import { committedDueAt, TIMELINESS_LABELS, timeliness } from '../../../core/dossier/timeliness.ts';
import type { Database } from '../../db/schema.ts';
import '../dossiers/dossiers.tables.ts';
import '../procedures/procedures.tables.ts';

/** Start of a Vietnamese local day (UTC+7) as a UTC ISO instant. */
export function localDayStart(day: string): string {
  return new Date(`${day}T00:00:00+07:00`).toISOString();
}

/** The first and last local day of the month holding `now`, the default logbook period. */
export function currentMonth(now: Date = new Date()): { from: string; to: string } {
  const local = new Date(now.getTime() + 7 * 3600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const mm = String(m + 1).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The logbook of one unit for the dossiers received between two local days (inclusive), in logbook
 * order. "On time" is judged against the first appointment (an apology's new date does not count),
 * with supplement time already excluded from the due date; an open dossier past its due date is late.
 */
export async function buildLogbook(
  db: Kysely<Database>,
  unit: { id: number; name: string },
  period: { from: string; to: string },
  now: Date = new Date(),
): Promise<LogbookView> {
  const rows = await db
    .selectFrom('dossiers')
    .leftJoin('procedures', 'procedures.code', 'dossiers.procedure_code')
    .select([
      'dossiers.code',
      'dossiers.logbook_year',
      'dossiers.logbook_number',
      'dossiers.applicant_name',
      'dossiers.procedure_code',
      'procedures.name as procedure_name',
      'dossiers.received_at',
      'dossiers.due_at',
      'dossiers.finished_at',
      'dossiers.returned_at',
      'dossiers.status',
      'dossiers.channel',
    ])
    .where('dossiers.unit_id', '=', unit.id)
    .where('dossiers.received_at', '>=', localDayStart(period.from))
    .where('dossiers.received_at', '<', localDayStart(nextDay(period.to)))
    .orderBy('dossiers.logbook_year')
    .orderBy('dossiers.logbook_number')
    .orderBy('dossiers.id')
    .execute();

  const apologies = new Map<string, { previousDueAt?: unknown }[]>();
  if (rows.length > 0) {
    const events = await db
      .selectFrom('events')
      .select(['entity_id', 'data'])
      .where('entity_type', '=', 'dossier')
      .where('action', '=', 'apologise')
      .where('unit_id', '=', unit.id)
      .execute();
    for (const e of events) {
      const list = apologies.get(e.entity_id) ?? [];
      list.push(e.data ? (JSON.parse(e.data) as { previousDueAt?: unknown }) : {});
      apologies.set(e.entity_id, list);
    }
  }

  const nowIso = now.toISOString();
  const out: LogbookRow[] = rows.map((r) => {
    const status = r.status as DossierStatus;
    const channel = r.channel as Channel;
    let t: LogbookRow['timeliness'] = null;
    if (r.due_at) {
      const due = committedDueAt(r.due_at, apologies.get(r.code) ?? []);
      if (r.finished_at) t = timeliness(r.finished_at, due);
      else if (OPEN_STATES.includes(status) && nowIso > due) t = 'late';
    }
    return {
      logbookYear: r.logbook_year,
      logbookNumber: r.logbook_number,
      code: r.code,
      applicantName: r.applicant_name,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name ?? r.procedure_code,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      finishedAt: r.finished_at,
      returnedAt: r.returned_at,
      status,
      statusLabel: STATUS_INFO[status].label,
      timeliness: t,
      timelinessLabel: t ? TIMELINESS_LABELS[t] : OPEN_STATES.includes(status) ? 'Đang giải quyết' : '',
      channel,
      channelLabel: CHANNEL_INFO[channel].label,
    };
  });
  return { unit, from: period.from, to: period.to, rows: out };
}
