/**
 * Appointment date-time (ngày hẹn trả kết quả) of a dossier. All clock arithmetic is done in
 * Vietnamese local time with a fixed UTC+7 offset, never with the machine's time zone. The rules
 * and their legal sources are in docs/CALENDAR.md.
 */

import type { DayOverride } from './DayOverride.ts';
import { HolidayCalendar } from './holiday-calendar.ts';
import type { HolidayRules } from './holidays.ts';
import { dayNumberToCivil, toVnLocal, VN_UTC_OFFSET_MINUTES } from './iso-date.ts';

const MINUTES_PER_DAY = 1440;

export interface OfficeHours {
  /** Opening time, minutes after local midnight (07:00 = 420). */
  openMinute: number;
  /** Closing time; a dossier due on a day is due at this time. */
  closeMinute: number;
  /** Same-day procedures received after this time are due the next working day. */
  sameDayCutoffMinute: number;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  openMinute: 7 * 60,
  closeMinute: 17 * 60,
  sameDayCutoffMinute: 15 * 60,
};

export interface Pause {
  from: Date;
  to: Date;
}

export interface DueAtInput {
  receivedAt: Date;
  /** The procedure's processing time in working days; 0 for same-day procedures. */
  workingDays: number;
  overrides: readonly DayOverride[];
  /** Periods waiting for the applicant's supplement; their working time does not count. */
  pauses?: readonly Pause[];
  officeHours?: OfficeHours;
  rules?: HolidayRules;
}

/** Minutes since 1970-01-01 00:00 local (UTC+7) time. */
type LocalMinute = number;

function localMinuteOf(instant: Date): LocalMinute {
  const { dayNumber, minuteOfDay } = toVnLocal(instant);
  return dayNumber * MINUTES_PER_DAY + minuteOfDay;
}

function instantOf(m: LocalMinute): Date {
  return new Date(Math.round((m - VN_UTC_OFFSET_MINUTES) * 60_000));
}

interface Interval {
  start: LocalMinute;
  end: LocalMinute;
}

function mergedPauses(pauses: readonly Pause[]): Interval[] {
  const intervals = pauses
    .map((p) => ({ start: localMinuteOf(p.from), end: localMinuteOf(p.to) }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const p of intervals) {
    const last = merged[merged.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged;
}

/** The parts of [start, end) not covered by the (merged, sorted) pauses. */
function freeParts(start: LocalMinute, end: LocalMinute, pauses: readonly Interval[]): Interval[] {
  const parts: Interval[] = [];
  let cursor = start;
  for (const p of pauses) {
    if (p.end <= cursor || p.start >= end) continue;
    if (p.start > cursor) parts.push({ start: cursor, end: p.start });
    cursor = Math.max(cursor, p.end);
  }
  if (cursor < end) parts.push({ start: cursor, end });
  return parts;
}

/** The working time segments (office hours of working days, minus pauses) from `from` onwards. */
function* workingSegments(
  from: LocalMinute,
  calendar: HolidayCalendar,
  hours: OfficeHours,
  pauses: readonly Interval[],
): Generator<Interval> {
  for (let day = Math.floor(from / MINUTES_PER_DAY); ; day += 1) {
    if (!calendar.isWorkingDayNumber(day)) continue;
    const start = Math.max(from, day * MINUTES_PER_DAY + hours.openMinute);
    const end = day * MINUTES_PER_DAY + hours.closeMinute;
    if (start < end) yield* freeParts(start, end, pauses);
  }
}

function workingMinutesBetween(
  from: LocalMinute,
  to: LocalMinute,
  calendar: HolidayCalendar,
  hours: OfficeHours,
  pauses: readonly Interval[],
): number {
  let total = 0;
  for (const seg of workingSegments(from, calendar, hours, pauses)) {
    if (seg.start >= to) break;
    total += Math.min(seg.end, to) - seg.start;
  }
  return total;
}

function advanceWorkingTime(
  from: LocalMinute,
  minutes: number,
  calendar: HolidayCalendar,
  hours: OfficeHours,
  pauses: readonly Interval[],
): LocalMinute {
  let remaining = minutes;
  for (const seg of workingSegments(from, calendar, hours, pauses)) {
    const length = seg.end - seg.start;
    if (remaining <= length) return seg.start + remaining;
    remaining -= length;
  }
  throw new Error('unreachable: working segments never end');
}

/**
 * When a dossier is due.
 * - Received during office hours of a working day: that day is the receipt day. Received before
 *   opening on a working day: counted from the opening. Received after closing, or on a day off:
 *   treated as received at the opening of the next working day.
 * - N ≥ 1 working days: due at closing time of the N-th working day after the receipt day.
 * - N = 0 (same day): received no later than the cut-off (15:00) → closing time the same day;
 *   later → closing time of the next working day.
 * - Pauses: the working time inside each pause is added back, minute for minute.
 */
export function computeDueAt(input: DueAtInput): Date {
  const { receivedAt, workingDays, overrides, pauses = [] } = input;
  const hours = input.officeHours ?? DEFAULT_OFFICE_HOURS;
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be a whole number ≥ 0, got ${workingDays}`);
  }
  const calendar = new HolidayCalendar(overrides, input.rules);

  const local = toVnLocal(receivedAt);
  let receiptDay = local.dayNumber;
  let startMinute = Math.max(local.minuteOfDay, hours.openMinute);
  if (!calendar.isWorkingDayNumber(receiptDay) || local.minuteOfDay >= hours.closeMinute) {
    receiptDay = calendar.nextWorkingDayNumber(receiptDay);
    startMinute = hours.openMinute;
  }

  let dueDay = receiptDay;
  if (workingDays === 0) {
    if (startMinute > hours.sameDayCutoffMinute) dueDay = calendar.nextWorkingDayNumber(receiptDay);
  } else {
    for (let i = 0; i < workingDays; i += 1) dueDay = calendar.nextWorkingDayNumber(dueDay);
  }
  const start = receiptDay * MINUTES_PER_DAY + startMinute;
  const nominalDue = dueDay * MINUTES_PER_DAY + hours.closeMinute;
  if (pauses.length === 0) return instantOf(nominalDue);

  const budget = workingMinutesBetween(start, nominalDue, calendar, hours, []);
  return instantOf(advanceWorkingTime(start, budget, calendar, hours, mergedPauses(pauses)));
}

/** Working minutes between two instants (office hours of working days only), minus pauses. */
export function workingMinutesElapsed(args: {
  from: Date;
  to: Date;
  overrides: readonly DayOverride[];
  pauses?: readonly Pause[];
  officeHours?: OfficeHours;
  rules?: HolidayRules;
}): number {
  const from = localMinuteOf(args.from);
  const to = localMinuteOf(args.to);
  if (to <= from) return 0;
  const calendar = new HolidayCalendar(args.overrides, args.rules);
  return workingMinutesBetween(
    from,
    to,
    calendar,
    args.officeHours ?? DEFAULT_OFFICE_HOURS,
    mergedPauses(args.pauses ?? []),
  );
}

/** "17:00 ngày 15/06/2025" in Vietnamese local time, for slips and tracking pages. */
export function formatVnDateTime(instant: Date): string {
  const { dayNumber, minuteOfDay } = toVnLocal(instant);
  const { year, month, day } = dayNumberToCivil(dayNumber);
  const minute = Math.floor(minuteOfDay);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)} ngày ${pad(day)}/${pad(month)}/${year}`;
}
