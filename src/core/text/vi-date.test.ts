import { describe, expect, it } from 'vitest';
import { dateInWords, formatDateVi, officialDate, parseDateInput, placeAndDate } from './vi-date.ts';

describe('formatDateVi', () => {
  it('shows dd/mm/yyyy and keeps partial precision', () => {
    expect(formatDateVi('2025-06-15')).toBe('15/06/2025');
    expect(formatDateVi('2025-06')).toBe('06/2025');
    expect(formatDateVi('2025')).toBe('2025');
    expect(formatDateVi('')).toBe('');
  });
});

describe('parseDateInput', () => {
  for (const input of [
    '15062025',
    '15/06/2025',
    '15-06-2025',
    '15.6.2025',
    ' 15 / 6 / 2025 ',
    '2025-06-15',
  ]) {
    it(`reads "${input}" as 2025-06-15`, () => {
      expect(parseDateInput(input)).toEqual({ ok: true, value: '2025-06-15', precision: 'day' });
    });
  }

  it('refuses a day the month does not have, naming the field', () => {
    const r = parseDateInput('31/02/2025', { label: 'Ngày sinh' });
    expect(r).toEqual({
      ok: false,
      error: { code: 'day', message: 'Ngày sinh: tháng 2/2025 không có ngày 31' },
    });
    expect(parseDateInput('29/02/2024').ok).toBe(true);
    expect(parseDateInput('29/02/2025').ok).toBe(false);
  });

  it('refuses month 13', () => {
    expect(parseDateInput('01/13/2025')).toMatchObject({ ok: false, error: { code: 'month' } });
  });

  it('refuses years outside 1900..2100', () => {
    expect(parseDateInput('01/01/1899')).toMatchObject({ ok: false, error: { code: 'year-range' } });
    expect(parseDateInput('01/01/2101')).toMatchObject({ ok: false, error: { code: 'year-range' } });
    expect(parseDateInput('01/01/1900').ok).toBe(true);
  });

  it('refuses two-digit years and text', () => {
    expect(parseDateInput('15/06/25')).toMatchObject({ ok: false, error: { code: 'format' } });
    expect(parseDateInput('mười lăm')).toMatchObject({ ok: false, error: { code: 'format' } });
    expect(parseDateInput('  ')).toMatchObject({ ok: false, error: { code: 'empty' } });
  });

  it('accepts partial dates only when allowed', () => {
    expect(parseDateInput('06/2025', { allowPartial: true })).toEqual({
      ok: true,
      value: '2025-06',
      precision: 'month',
    });
    expect(parseDateInput('2025', { allowPartial: true })).toEqual({
      ok: true,
      value: '2025',
      precision: 'year',
    });
    expect(parseDateInput('06/2025')).toMatchObject({ ok: false, error: { code: 'partial' } });
    expect(parseDateInput('2025-06', { allowPartial: true })).toEqual({
      ok: true,
      value: '2025-06',
      precision: 'month',
    });
    expect(parseDateInput('2025-06')).toMatchObject({ ok: false, error: { code: 'partial' } });
    expect(parseDateInput('2025-13', { allowPartial: true })).toMatchObject({
      ok: false,
      error: { code: 'month' },
    });
    expect(parseDateInput('13/2025', { allowPartial: true })).toMatchObject({
      ok: false,
      error: { code: 'month' },
    });
  });
});

describe('dateInWords', () => {
  it('writes a civil-status date in words', () => {
    expect(dateInWords('2025-06-15')).toBe('Ngày mười lăm, tháng sáu, năm hai nghìn không trăm hai mươi lăm');
  });

  it('writes days 1 to 10 with "mồng" and April as "tư"', () => {
    expect(dateInWords('2005-04-05')).toBe('Ngày mồng năm, tháng tư, năm hai nghìn không trăm lẻ năm');
    expect(dateInWords('1999-12-10')).toBe(
      'Ngày mồng mười, tháng mười hai, năm một nghìn chín trăm chín mươi chín',
    );
    expect(dateInWords('2005-04-05', { mong: false })).toBe(
      'Ngày năm, tháng tư, năm hai nghìn không trăm lẻ năm',
    );
  });

  it('writes days 21, 24, 31 as "hai mươi mốt", "hai mươi tư", "ba mươi mốt"', () => {
    expect(dateInWords('2024-01-21')).toMatch(/^Ngày hai mươi mốt, tháng một,/);
    expect(dateInWords('2024-11-24')).toMatch(/^Ngày hai mươi tư, tháng mười một,/);
    expect(dateInWords('2024-01-31')).toMatch(/^Ngày ba mươi mốt,/);
  });

  it('writes partial dates', () => {
    expect(dateInWords('2025-06')).toBe('Tháng sáu, năm hai nghìn không trăm hai mươi lăm');
    expect(dateInWords('1985')).toBe('Năm một nghìn chín trăm tám mươi lăm');
  });
});

describe('placeAndDate', () => {
  it('follows Nghị định 30/2020: zero before days < 10 and months 1–2 only', () => {
    expect(placeAndDate('Sa Đéc', '2025-06-15')).toBe('Sa Đéc, ngày 15 tháng 6 năm 2025');
    expect(placeAndDate('Sa Đéc', '2025-02-05')).toBe('Sa Đéc, ngày 05 tháng 02 năm 2025');
    expect(placeAndDate('Sa Đéc', '2025-01-10')).toBe('Sa Đéc, ngày 10 tháng 01 năm 2025');
    expect(placeAndDate('Sa Đéc', '2025-12-09')).toBe('Sa Đéc, ngày 09 tháng 12 năm 2025');
  });

  it('leaves the place out when it is empty', () => {
    expect(placeAndDate(' ', '2025-03-01')).toBe('ngày 01 tháng 3 năm 2025');
    expect(officialDate('2025-03-01')).toBe('ngày 01 tháng 3 năm 2025');
  });
});
