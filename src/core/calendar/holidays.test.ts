import { describe, expect, it } from 'vitest';
import { DayOverride } from './DayOverride.ts';
import { addWorkingDays, HolidayCalendar, isWorkingDay, nextWorkingDay } from './holiday-calendar.ts';
import { DEFAULT_HOLIDAY_RULES, holidaysOfYear, tetHolidayDates } from './holidays.ts';
import { KNOWN_OVERRIDES } from './known-overrides.ts';

const datesOf = (year: number, kind?: 'holiday' | 'compensatory') =>
  holidaysOfYear(year)
    .filter((h) => kind === undefined || h.kind === kind)
    .map((h) => h.date);

describe('statutory holidays', () => {
  it('lists the eleven Điều 112 days for 2025, all on weekdays', () => {
    expect(datesOf(2025)).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-09-01',
      '2025-09-02',
    ]);
  });

  it('picks the same five Tết days as the announcements for 2025 and 2026', () => {
    expect(tetHolidayDates(2025)).toEqual([
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
    expect(tetHolidayDates(2026)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
  });

  it('moves a holiday that falls on Saturday to Monday', () => {
    // 1/1/2022 was a Saturday; offices closed Monday 3/1/2022.
    expect(datesOf(2022, 'compensatory')).toContain('2022-01-03');
    // 2/9/2028 is a Saturday.
    expect(datesOf(2028, 'compensatory')).toContain('2028-09-04');
    expect(isWorkingDay('2028-09-04', [])).toBe(false);
    // 1/5/2027 is a Saturday.
    expect(isWorkingDay('2027-05-03', [])).toBe(false);
  });

  it('gives two compensatory days when two holidays fall on one weekend', () => {
    // 30/4/2022 Saturday and 1/5/2022 Sunday: offices closed Monday 2/5 and Tuesday 3/5.
    expect(datesOf(2022, 'compensatory')).toEqual(['2022-01-03', '2022-04-11', '2022-05-02', '2022-05-03']);
  });

  it('skips holidays when looking for the compensatory day', () => {
    // 2023: Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon → compensatory Tue 2/5 and Wed 3/5 (as announced).
    expect(datesOf(2023, 'compensatory')).toContain('2023-05-02');
    expect(datesOf(2023, 'compensatory')).toContain('2023-05-03');
  });

  it('gives Giỗ Tổ 2026 (Sunday 26/4) a compensatory Monday 27/4', () => {
    expect(isWorkingDay('2026-04-27', KNOWN_OVERRIDES)).toBe(false);
  });

  it('makes 24/11 a holiday only from 2026', () => {
    expect(isWorkingDay('2025-11-24', KNOWN_OVERRIDES)).toBe(true);
    expect(isWorkingDay('2026-11-24', KNOWN_OVERRIDES)).toBe(false);
  });

  it('lets the administrator decide whether 24/11 on a weekend is compensated', () => {
    // 24/11/2029 is a Saturday.
    expect(new HolidayCalendar([]).isWorkingDay('2029-11-26')).toBe(false);
    const strict = new HolidayCalendar([], { ...DEFAULT_HOLIDAY_RULES, compensateCultureDay: false });
    expect(strict.isWorkingDay('2029-11-26')).toBe(true);
  });

  it('uses 3/9 instead of 1/9 when configured', () => {
    const after = new HolidayCalendar([], { ...DEFAULT_HOLIDAY_RULES, nationalDayAdjacent: 'after' });
    expect(after.isWorkingDay('2027-09-01')).toBe(true);
    expect(after.isWorkingDay('2027-09-03')).toBe(false);
  });
});

describe('overrides', () => {
  it('are all valid DayOverride rows', () => {
    for (const o of KNOWN_OVERRIDES) expect(DayOverride.safeParse(o).success).toBe(true);
    expect(DayOverride.safeParse({ date: '2025-02-30', kind: 'off' }).success).toBe(false);
  });

  it('closes the whole Tết 2025 break 25/01 – 02/02', () => {
    const cal = new HolidayCalendar(KNOWN_OVERRIDES);
    for (let d = 25; d <= 31; d += 1) expect(cal.isWorkingDay(`2025-01-${d}`)).toBe(false);
    expect(cal.isWorkingDay('2025-02-01')).toBe(false);
    expect(cal.isWorkingDay('2025-02-02')).toBe(false);
    expect(cal.isWorkingDay('2025-01-24')).toBe(true);
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
  });

  it('closes the whole Tết 2026 break 14/02 – 22/02', () => {
    expect(nextWorkingDay('2026-02-13', KNOWN_OVERRIDES)).toBe('2026-02-23');
  });

  it('counts a make-up Saturday as a working day', () => {
    expect(isWorkingDay('2025-04-26', KNOWN_OVERRIDES)).toBe(true);
    expect(isWorkingDay('2025-04-26', [])).toBe(false);
    expect(isWorkingDay('2026-08-22', KNOWN_OVERRIDES)).toBe(true);
  });

  it('closes a swapped weekday', () => {
    expect(isWorkingDay('2025-05-02', KNOWN_OVERRIDES)).toBe(false);
    expect(isWorkingDay('2025-05-02', [])).toBe(true);
    expect(isWorkingDay('2026-08-31', KNOWN_OVERRIDES)).toBe(false);
    expect(isWorkingDay('2026-01-02', KNOWN_OVERRIDES)).toBe(false);
  });

  it('lets a work override reopen a computed holiday', () => {
    // 2024 Tết was announced as 8–14/02; the default rule computes 9–15/02.
    const cal = new HolidayCalendar([
      { date: '2024-02-08', kind: 'off' },
      { date: '2024-02-15', kind: 'work' },
    ]);
    expect(cal.isWorkingDay('2024-02-08')).toBe(false);
    expect(cal.isWorkingDay('2024-02-15')).toBe(true);
    expect(cal.dayStatus('2024-02-15')).toEqual({ working: true, reason: 'override' });
  });

  it('explains why a day is closed', () => {
    const cal = new HolidayCalendar([]);
    expect(cal.dayStatus('2025-04-30')).toEqual({
      working: false,
      reason: 'holiday',
      name: 'Ngày Chiến thắng (30/4)',
    });
    expect(cal.dayStatus('2025-06-14').reason).toBe('weekend');
    expect(cal.dayStatus('2025-06-16')).toEqual({ working: true, reason: 'weekday' });
  });
});

describe('counting working days', () => {
  it('does not count the day of receipt (BLDS Điều 147)', () => {
    expect(addWorkingDays('2026-02-09', 3, KNOWN_OVERRIDES)).toBe('2026-02-12');
  });

  it('skips the Tết 2026 break', () => {
    expect(addWorkingDays('2026-02-13', 3, KNOWN_OVERRIDES)).toBe('2026-02-25');
  });

  it('returns the day itself or the next working day for zero days', () => {
    expect(addWorkingDays('2025-06-16', 0, [])).toBe('2025-06-16');
    expect(addWorkingDays('2025-06-15', 0, [])).toBe('2025-06-16');
  });

  it('rejects a negative count', () => {
    expect(() => addWorkingDays('2025-06-16', -1, [])).toThrow(RangeError);
  });
});
