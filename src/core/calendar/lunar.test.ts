import { describe, expect, it } from 'vitest';
import { newMoonJde, sunApparentLongitudeTt } from './astronomy.ts';
import {
  leapMonthOf,
  lunarMonthLength,
  lunarNewYearEve,
  lunarToSolar,
  lunarYearName,
  solarToLunar,
  tetDate,
} from './lunar.ts';

describe('astronomy', () => {
  it('reproduces the new moon of 1977-02-18 (Meeus example 49.a)', () => {
    expect(newMoonJde(-283)).toBeCloseTo(2_443_192.65118, 4);
  });

  it('reproduces the apparent solar longitude of 1992-10-13 (Meeus example 25.a)', () => {
    expect(sunApparentLongitudeTt(2_448_908.5)).toBeCloseTo(199.90895, 3);
  });
});

describe('Tết (mùng 1 tháng Giêng)', () => {
  const known: Array<[number, string]> = [
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    // The new moon is at 23:07 UTC+7 on 2 Feb (00:07 on 3 Feb in China, whose Tết is 3 Feb).
    [2030, '2030-02-02'],
  ];
  for (const [year, iso] of known) {
    it(`falls on ${iso} in ${year}`, () => {
      expect(tetDate(year)).toBe(iso);
      expect(solarToLunar(iso)).toEqual({ year, month: 1, day: 1, leap: false });
    });
  }

  it('follows the UTC+7 calendar where it differs from the Chinese one', () => {
    // 1985: Vietnam 21/01, China 20/02 (month 11 of 1984 starts a day apart at 105°E vs 120°E).
    expect(tetDate(1985)).toBe('1985-01-21');
    // 2007: the new moon is at 23:14 UTC+7 on 17 Feb, 00:14 UTC+8 on 18 Feb.
    expect(tetDate(2007)).toBe('2007-02-17');
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
  const known: Array<[number, string]> = [
    [2019, '2019-04-14'],
    [2020, '2020-04-02'],
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ];
  for (const [year, iso] of known) {
    it(`falls on ${iso} in ${year}`, () => {
      expect(lunarToSolar({ year, month: 3, day: 10, leap: false })).toBe(iso);
    });
  }
});

describe('solar ↔ lunar conversion', () => {
  it('converts the last days of the lunar year as the reference file lists them', () => {
    expect(solarToLunar('2025-01-27')).toEqual({ year: 2024, month: 12, day: 28, leap: false });
    expect(solarToLunar('2026-02-14')).toEqual({ year: 2025, month: 12, day: 27, leap: false });
    expect(lunarNewYearEve(2025)).toBe('2026-02-16');
    expect(solarToLunar('2026-02-16')).toEqual({ year: 2025, month: 12, day: 29, leap: false });
  });

  it('knows the leap months of recent years', () => {
    expect(leapMonthOf(2020)).toBe(4);
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2024)).toBeUndefined();
    // The "2033 problem": the leap month is the 11th.
    expect(leapMonthOf(2033)).toBe(11);
  });

  it('converts a day in a leap month both ways', () => {
    const iso = lunarToSolar({ year: 2025, month: 6, day: 1, leap: true });
    expect(iso).toBe('2025-07-25');
    expect(solarToLunar('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, leap: true });
  });

  it('returns undefined for a lunar date that does not exist', () => {
    expect(lunarToSolar({ year: 2024, month: 6, day: 1, leap: true })).toBeUndefined();
    const length = lunarMonthLength(2025, 12);
    expect(length).toBe(29);
    expect(lunarToSolar({ year: 2025, month: 12, day: 30, leap: false })).toBeUndefined();
  });

  it('round-trips every day from 1990 to 2040', () => {
    const start = Date.UTC(1990, 0, 1);
    const end = Date.UTC(2040, 11, 31);
    for (let ms = start; ms <= end; ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      expect(lunarToSolar(solarToLunar(iso))).toBe(iso);
    }
  });

  it('names lunar years by can chi', () => {
    expect(lunarYearName(2025)).toBe('Ất Tỵ');
    expect(lunarYearName(2026)).toBe('Bính Ngọ');
    expect(lunarYearName(2023)).toBe('Quý Mão');
  });
});
