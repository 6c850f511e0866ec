import type { DayOverride } from './DayOverride.ts';
import { DEFAULT_HOLIDAY_RULES, type HolidayRules, holidaysOfYear } from './holidays.ts';
import { dayNumberToCivil, dayNumberToIso, isoToDayNumber, weekdayOfDayNumber } from './iso-date.ts';

export type DayStatusReason = 'weekday' | 'weekend' | 'holiday' | 'compensatory' | 'override';

export interface DayStatus {
  working: boolean;
  reason: DayStatusReason;
  /** Holiday name or override note, when there is one. */
  name?: string;
}

/**
 * Working days of a Vietnamese state office: Monday–Friday, minus statutory holidays and their
 * compensatory days, with the announced overrides on top (an override always wins; when two
 * overrides name the same date, the later one in the list wins).
 */
export class HolidayCalendar {
  private readonly overrides = new Map<number, DayOverride>();

  constructor(
    overrides: readonly DayOverride[] = [],
    private readonly rules: HolidayRules = DEFAULT_HOLIDAY_RULES,
  ) {
    for (const o of overrides) this.overrides.set(isoToDayNumber(o.date), o);
  }

  /** Holidays and compensatory days of a solar year under this calendar's rules (overrides not applied). */
  holidays(year: number) {
    return holidaysOfYear(year, this.rules);
  }

  statusOfDay(dayNumber: number): DayStatus {
    const override = this.overrides.get(dayNumber);
    if (override) {
      return {
        working: override.kind === 'work',
        reason: 'override',
        ...(override.note ? { name: override.note } : {}),
      };
    }
    const iso = dayNumberToIso(dayNumber);
    const holiday = holidaysOfYear(dayNumberToCivil(dayNumber).year, this.rules).find((h) => h.date === iso);
    if (holiday) return { working: false, reason: holiday.kind, name: holiday.name };
    const wd = weekdayOfDayNumber(dayNumber);
    return wd === 0 || wd === 6
      ? { working: false, reason: 'weekend' }
      : { working: true, reason: 'weekday' };
  }

  dayStatus(iso: string): DayStatus {
    return this.statusOfDay(isoToDayNumber(iso));
  }

  isWorkingDayNumber(dayNumber: number): boolean {
    return this.statusOfDay(dayNumber).working;
  }

  isWorkingDay(iso: string): boolean {
    return this.isWorkingDayNumber(isoToDayNumber(iso));
  }

  /** The first working day strictly after dayNumber. */
  nextWorkingDayNumber(dayNumber: number): number {
    let d = dayNumber + 1;
    while (!this.isWorkingDayNumber(d)) d += 1;
    return d;
  }

  /** The first working day strictly after the given date. */
  nextWorkingDay(iso: string): string {
    return dayNumberToIso(this.nextWorkingDayNumber(isoToDayNumber(iso)));
  }

  /**
   * The n-th working day after the given date; the date itself is not counted (Bộ luật Dân sự
   * 2015, Điều 147). n = 0 gives the date itself if it is a working day, else the next working day.
   */
  addWorkingDays(iso: string, n: number): string {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`Working days must be a whole number ≥ 0, got ${n}`);
    let d = isoToDayNumber(iso);
    if (n === 0) return this.isWorkingDayNumber(d) ? iso : dayNumberToIso(this.nextWorkingDayNumber(d));
    for (let i = 0; i < n; i += 1) d = this.nextWorkingDayNumber(d);
    return dayNumberToIso(d);
  }
}

export function isWorkingDay(iso: string, overrides: readonly DayOverride[]): boolean {
  return new HolidayCalendar(overrides).isWorkingDay(iso);
}

export function nextWorkingDay(iso: string, overrides: readonly DayOverride[]): string {
  return new HolidayCalendar(overrides).nextWorkingDay(iso);
}

export function addWorkingDays(iso: string, n: number, overrides: readonly DayOverride[]): string {
  return new HolidayCalendar(overrides).addWorkingDays(iso, n);
}
