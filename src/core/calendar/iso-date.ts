/**
 * Civil dates as ISO strings ('YYYY-MM-DD') and as integer day numbers counted from 1970-01-01.
 * Day numbers make date arithmetic exact and independent of the machine's time zone: a civil
 * date has no time zone until a clock time is attached to it (see due-date.ts for that).
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Offset of Asia/Ho_Chi_Minh from UTC. Vietnam has had no daylight saving time since 1975. */
export const VN_UTC_OFFSET_MINUTES = 7 * 60;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCivilDate({ year, month, day }: CivilDate): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Parses 'YYYY-MM-DD'; undefined when the string is not a real calendar date. */
export function parseIsoDate(iso: string): CivilDate | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidCivilDate(date) ? date : undefined;
}

/** Like parseIsoDate but throws: for values that the caller has already validated. */
export function getCivilDate(iso: string): CivilDate {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`Invalid ISO date: ${iso}`);
  return date;
}

export function formatIsoDate({ year, month, day }: CivilDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function civilToDayNumber({ year, month, day }: CivilDate): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function dayNumberToCivil(dayNumber: number): CivilDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoToDayNumber(iso: string): number {
  return civilToDayNumber(getCivilDate(iso));
}

export function dayNumberToIso(dayNumber: number): string {
  return formatIsoDate(dayNumberToCivil(dayNumber));
}

/** 0 = Sunday … 6 = Saturday, as in Date#getUTCDay. */
export function weekdayOfDayNumber(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function weekdayOfIso(iso: string): number {
  return weekdayOfDayNumber(isoToDayNumber(iso));
}

export function addDaysIso(iso: string, days: number): string {
  return dayNumberToIso(isoToDayNumber(iso) + days);
}

/** The civil date and minute of day in Vietnam (UTC+7) of an instant. */
export interface VnLocalTime {
  dayNumber: number;
  /** Minutes since local midnight, 0..1439 (fractions kept for sub-minute instants). */
  minuteOfDay: number;
}

export function toVnLocal(instant: Date): VnLocalTime {
  const localMs = instant.getTime() + VN_UTC_OFFSET_MINUTES * 60_000;
  const dayNumber = Math.floor(localMs / MS_PER_DAY);
  return { dayNumber, minuteOfDay: (localMs - dayNumber * MS_PER_DAY) / 60_000 };
}

export function fromVnLocal(dayNumber: number, minuteOfDay: number): Date {
  return new Date(dayNumber * MS_PER_DAY + (minuteOfDay - VN_UTC_OFFSET_MINUTES) * 60_000);
}

/** The Vietnamese civil date (ISO) of an instant, whatever the machine's time zone. */
export function vnIsoDateOf(instant: Date): string {
  return dayNumberToIso(toVnLocal(instant).dayNumber);
}

/** The Vietnamese local date and time of an instant as "YYYY-MM-DDTHH:MM", whatever the machine's time zone. */
export function vnLocalDateTime(instant: Date): string {
  return new Date(instant.getTime() + VN_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16);
}
