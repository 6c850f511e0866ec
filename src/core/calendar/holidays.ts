/**
 * Statutory public holidays (Bộ luật Lao động 2019, Điều 112 khoản 1) and the compensatory days
 * off of Điều 111 khoản 3, computed for any year. The parts the Prime Minister decides each year
 * (which 5 days of Tết, which day next to 2/9) follow the defaults below; the yearly
 * announcements are entered as DayOverride rows, which win over anything computed here.
 * See docs/CALENDAR.md for the sources and the reasons behind each default.
 */

import { addDaysIso, isoToDayNumber, weekdayOfDayNumber } from './iso-date.ts';
import { lunarToSolar, lunarYearName, tetDate } from './lunar.ts';

export type HolidayKind = 'holiday' | 'compensatory';

export interface Holiday {
  date: string;
  kind: HolidayKind;
  /** Vietnamese name, shown to officers and citizens. */
  name: string;
}

export interface HolidayRules {
  /** The day next to 2/9 (Quốc khánh): 1/9 ('before') or 3/9 ('after'). */
  nationalDayAdjacent: 'before' | 'after';
  /** First date on which 24/11 (Ngày Văn hóa Việt Nam) is a day off; null to leave it out. */
  cultureDayFrom: string | null;
  /** Whether 24/11 on a weekend gives a compensatory day like the Điều 112 holidays. */
  compensateCultureDay: boolean;
}

export const DEFAULT_HOLIDAY_RULES: HolidayRules = {
  nationalDayAdjacent: 'before',
  cultureDayFrom: '2026-07-01',
  compensateCultureDay: true,
};

function isWeekend(dayNumber: number): boolean {
  const wd = weekdayOfDayNumber(dayNumber);
  return wd === 0 || wd === 6;
}

/**
 * The 5 statutory Tết days of a solar year. Of the 5-day runs that contain mùng 1–3 (starting 2, 1
 * or 0 days before mùng 1), take the one with the most Monday–Friday days, because that is what
 * the Prime Minister's choice amounts to in the years checked (2022, 2025, 2026); on a tie, the
 * last day of the old year plus mùng 1–4.
 */
export function tetHolidayDates(year: number): string[] {
  const tet = isoToDayNumber(tetDate(year));
  const candidates = [-1, -2, 0].map((offset) => {
    const days = [0, 1, 2, 3, 4].map((i) => tet + offset + i);
    return { days, weekdays: days.filter((d) => !isWeekend(d)).length };
  });
  let best = candidates[0]!;
  for (const c of candidates) if (c.weekdays > best.weekdays) best = c;
  return best.days.map((d) => addDaysIso('1970-01-01', d));
}

function fixed(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface StatutoryDay extends Holiday {
  compensable: boolean;
}

function statutoryDays(year: number, rules: HolidayRules): StatutoryDay[] {
  const days: StatutoryDay[] = [];
  const add = (date: string, name: string, compensable = true) =>
    days.push({ date, name, kind: 'holiday', compensable });

  add(fixed(year, 1, 1), 'Tết Dương lịch');
  for (const date of tetHolidayDates(year)) add(date, `Tết Nguyên đán ${lunarYearName(year)}`);
  const hungKings = lunarToSolar({ year, month: 3, day: 10, leap: false });
  if (hungKings) add(hungKings, 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  add(fixed(year, 4, 30), 'Ngày Chiến thắng (30/4)');
  add(fixed(year, 5, 1), 'Ngày Quốc tế Lao động (1/5)');
  const adjacent = rules.nationalDayAdjacent === 'before' ? fixed(year, 9, 1) : fixed(year, 9, 3);
  const nationalDay = fixed(year, 9, 2);
  for (const date of [adjacent, nationalDay].sort()) add(date, 'Quốc khánh (2/9)');
  const cultureDay = fixed(year, 11, 24);
  if (rules.cultureDayFrom !== null && cultureDay >= rules.cultureDayFrom) {
    add(cultureDay, 'Ngày Văn hóa Việt Nam (24/11)', rules.compensateCultureDay);
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const holidayCache = new Map<string, Holiday[]>();

/**
 * Holidays and compensatory days of a solar year, sorted by date. A holiday on Saturday or Sunday
 * gives the next day that is neither a weekend day, a holiday nor an earlier compensatory day.
 */
export function holidaysOfYear(year: number, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): Holiday[] {
  const key = `${year}|${rules.nationalDayAdjacent}|${rules.cultureDayFrom}|${rules.compensateCultureDay}`;
  const cached = holidayCache.get(key);
  if (cached) return cached;

  const statutory = statutoryDays(year, rules);
  const taken = new Set(statutory.map((h) => isoToDayNumber(h.date)));
  const result: Holiday[] = statutory.map(({ date, kind, name }) => ({ date, kind, name }));
  for (const h of statutory) {
    const dayNumber = isoToDayNumber(h.date);
    if (!h.compensable || !isWeekend(dayNumber)) continue;
    let d = dayNumber + 1;
    while (isWeekend(d) || taken.has(d)) d += 1;
    taken.add(d);
    result.push({ date: addDaysIso('1970-01-01', d), kind: 'compensatory', name: `Nghỉ bù ${h.name}` });
  }
  result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  holidayCache.set(key, result);
  return result;
}
