/**
 * The Vietnamese lunisolar calendar (âm lịch), computed from the astronomy at UTC+7.
 *
 * Rules (the same as the Chinese calendar since 1929/1967, but evaluated at the meridian 105°E,
 * which is why some years differ from Chinese tables, e.g. Tết 1985 and 2007):
 * 1. A day runs from local midnight (UTC+7) to the next.
 * 2. A month begins on the day that contains a new moon.
 * 3. The month that contains the December solstice (Sun at 270°) is month 11 (tháng Một).
 * 4. When 13 months lie between two month-11s, the first month after month 11 that contains no
 *    major solar term (trung khí, Sun at a multiple of 30°) is the leap month (tháng nhuận) and
 *    takes the number of the month before it.
 */

import { JD_UNIX_EPOCH, newMoonIndexAtOrBefore, newMoonJd, sunApparentLongitude } from './astronomy.ts';
import { dayNumberToCivil, dayNumberToIso, formatIsoDate, isoToDayNumber } from './iso-date.ts';

const UTC_OFFSET_DAYS = 7 / 24;

export interface LunarDate {
  /** The lunar year, named after the solar year in which its Tết falls. */
  year: number;
  /** 1..12; month 1 is tháng Giêng, month 12 tháng Chạp. */
  month: number;
  day: number;
  /** True for the intercalary month (tháng nhuận) that repeats `month`. */
  leap: boolean;
}

interface LunarMonth {
  startDay: number;
  length: number;
  year: number;
  month: number;
  leap: boolean;
}

function localDayOfJd(jd: number): number {
  return Math.floor(jd - JD_UNIX_EPOCH + UTC_OFFSET_DAYS);
}

function jdAtLocalMidnight(dayNumber: number): number {
  return dayNumber + JD_UNIX_EPOCH - UTC_OFFSET_DAYS;
}

function newMoonDay(k: number): number {
  return localDayOfJd(newMoonJd(k));
}

/** Index of the 30° sector the Sun is in at the start of a local day. */
function solarSectorAtStartOfDay(dayNumber: number): number {
  return Math.floor(sunApparentLongitude(jdAtLocalMidnight(dayNumber)) / 30);
}

/** Whether the month starting with new moon k contains a major solar term (trung khí). */
function hasMajorTerm(k: number): boolean {
  return solarSectorAtStartOfDay(newMoonDay(k)) !== solarSectorAtStartOfDay(newMoonDay(k + 1));
}

/** Index k of the new moon that starts month 11 of the given solar year (the month of the December solstice). */
function month11Index(year: number): number {
  const dec18 = isoToDayNumber(formatIsoDate({ year, month: 12, day: 18 }));
  let solsticeDay = dec18;
  // The solstice is between 20 and 23 December; find the local day during which the Sun passes 270°.
  while (sunApparentLongitude(jdAtLocalMidnight(solsticeDay + 1)) < 270) solsticeDay += 1;
  return newMoonIndexAtOrBefore(jdAtLocalMidnight(solsticeDay + 1) - 1e-9);
}

const segmentCache = new Map<number, LunarMonth[]>();

/**
 * The lunar months from month 11 of lunar year Y-1 up to (not including) month 11 of lunar year Y,
 * i.e. the months starting between the December solstices of solar years Y-1 and Y.
 */
function segment(y: number): LunarMonth[] {
  const cached = segmentCache.get(y);
  if (cached) return cached;
  const kStart = month11Index(y - 1);
  const kEnd = month11Index(y);
  const count = kEnd - kStart;
  let leapIndex = -1;
  if (count === 13) {
    for (let i = 1; i < count; i += 1) {
      if (!hasMajorTerm(kStart + i)) {
        leapIndex = i;
        break;
      }
    }
  }
  const months: LunarMonth[] = [];
  let label = 11;
  let year = y - 1;
  for (let i = 0; i < count; i += 1) {
    const leap = i === leapIndex;
    if (i > 0 && !leap) {
      label = label === 12 ? 1 : label + 1;
      if (label === 1) year = y;
    }
    const startDay = newMoonDay(kStart + i);
    months.push({ startDay, length: newMoonDay(kStart + i + 1) - startDay, year, month: label, leap });
  }
  segmentCache.set(y, months);
  return months;
}

/** Converts a solar (Gregorian) ISO date to the Vietnamese lunar date. */
export function solarToLunar(iso: string): LunarDate {
  const dayNumber = isoToDayNumber(iso);
  let y = dayNumberToCivil(dayNumber).year;
  const nextSegment = segment(y + 1);
  if (nextSegment[0] && dayNumber >= nextSegment[0].startDay) y += 1;
  const months = segment(y);
  let found = months[0];
  for (const m of months) if (m.startDay <= dayNumber) found = m;
  if (!found) throw new RangeError(`No lunar month for ${iso}`);
  return { year: found.year, month: found.month, day: dayNumber - found.startDay + 1, leap: found.leap };
}

function findMonth(year: number, month: number, leap: boolean): LunarMonth | undefined {
  return segment(month >= 11 ? year + 1 : year).find(
    (m) => m.year === year && m.month === month && m.leap === leap,
  );
}

/** Number of days (29 or 30) of a lunar month; undefined if that month does not exist (e.g. a leap month in a common year). */
export function lunarMonthLength(year: number, month: number, leap = false): number | undefined {
  return findMonth(year, month, leap)?.length;
}

/** The leap month of a lunar year (1..12), or undefined for a common year. */
export function leapMonthOf(year: number): number | undefined {
  const all = [...segment(year), ...segment(year + 1)];
  return all.find((m) => m.year === year && m.leap)?.month;
}

/** Converts a Vietnamese lunar date to a solar ISO date; undefined if the lunar date does not exist. */
export function lunarToSolar({ year, month, day, leap }: LunarDate): string | undefined {
  const m = findMonth(year, month, leap);
  if (!m || !Number.isInteger(day) || day < 1 || day > m.length) return undefined;
  return dayNumberToIso(m.startDay + day - 1);
}

/** Mùng 1 tháng Giêng (Tết Nguyên Đán) of a solar year, ISO. */
export function tetDate(year: number): string {
  const iso = lunarToSolar({ year, month: 1, day: 1, leap: false });
  if (!iso) throw new RangeError(`No Tết for ${year}`);
  return iso;
}

/** The last day of lunar year `year` (29 or 30 tháng Chạp), i.e. the day before Tết of year+1. */
export function lunarNewYearEve(year: number): string {
  return dayNumberToIso(isoToDayNumber(tetDate(year + 1)) - 1);
}

const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'];
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'];

/** The can-chi name of a lunar year: 2025 → "Ất Tỵ", 2026 → "Bính Ngọ". */
export function lunarYearName(year: number): string {
  const stem = STEMS[(((year + 6) % 10) + 10) % 10];
  const branch = BRANCHES[(((year + 8) % 12) + 12) % 12];
  return `${stem} ${branch}`;
}
