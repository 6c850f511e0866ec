import { vnIsoDateOf, vnLocalDateTime } from '../calendar/iso-date.ts';

/**
 * Whether a dossier ended before, on or after its appointment, as the control sheet (Mẫu 05) and the
 * logbook print it: "Trước hạn" = an earlier calendar day than the due day, "Đúng hạn" = by the due
 * time, "Quá hạn" = after it. Days are Vietnamese local days (UTC+7).
 */
export type Timeliness = 'early' | 'on_time' | 'late';

export const TIMELINESS_LABELS: Record<Timeliness, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

function localDay(iso: string): string {
  return vnIsoDateOf(new Date(iso));
}

export function timeliness(endIso: string, dueIso: string): Timeliness {
  if (new Date(endIso).getTime() > new Date(dueIso).getTime()) return 'late';
  return localDay(endIso) < localDay(dueIso) ? 'early' : 'on_time';
}

/**
 * The appointment a dossier is judged against. An apology letter gives the citizen a new date, but the
 * dossier was late against the first one: the earliest date replaced by an apology counts.
 */
export function committedDueAt(dueAt: string, apologies: readonly { previousDueAt?: unknown }[]): string {
  let due = dueAt;
  for (const a of apologies) {
    if (typeof a.previousDueAt === 'string' && a.previousDueAt < due) due = a.previousDueAt;
  }
  return due;
}

/** "08:30 15/06/2025" in Vietnamese local time, for tables and spreadsheets. */
export function formatLocalDateTime(iso: string): string {
  const d = vnLocalDateTime(new Date(iso));
  return `${d.slice(11, 16)} ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}
