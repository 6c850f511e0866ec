import { describe, expect, it } from 'vitest';
import { checkIdNumber, checkOldIdNumber } from './id-number.ts';
import { findProvinceByCode, PROVINCE_CODES } from './province-codes.ts';

describe('checkIdNumber', () => {
  it('reads province, century, birth year and sex from a 12-digit number', () => {
    const r = checkIdNumber('087195001234');
    expect(r).toEqual({
      ok: true,
      warnings: [],
      provinceCode: '087',
      provinceName: 'Đồng Tháp',
      century: 20,
      birthYear: 1995,
      gender: 'female',
    });
  });

  it('maps every century digit to its century and sex', () => {
    const expected: [string, number, number, 'male' | 'female'][] = [
      ['0', 20, 1905, 'male'],
      ['1', 20, 1905, 'female'],
      ['2', 21, 2005, 'male'],
      ['3', 21, 2005, 'female'],
      ['4', 22, 2105, 'male'],
      ['5', 22, 2105, 'female'],
      ['6', 23, 2205, 'male'],
      ['7', 23, 2205, 'female'],
      ['8', 24, 2305, 'male'],
      ['9', 24, 2305, 'female'],
    ];
    for (const [digit, century, birthYear, gender] of expected) {
      const r = checkIdNumber(`001${digit}05123456`);
      expect(r, digit).toMatchObject({ ok: true, century, birthYear, gender });
    }
  });

  it('refuses anything that is not exactly 12 digits, naming the field', () => {
    for (const bad of [
      '',
      '   ',
      '07920300123',
      '0792030012345',
      '07920300123A',
      '079 203 001 234',
      '０７９２０３００１２３４',
    ]) {
      const r = checkIdNumber(bad);
      expect(r.ok, bad).toBe(false);
      expect(r.error).toMatch(/^Số CCCD/);
    }
  });

  it('accepts surrounding spaces', () => {
    expect(checkIdNumber(' 079203001234 \n').ok).toBe(true);
  });

  it('warns, but accepts, when the birth year disagrees with the date of birth', () => {
    const r = checkIdNumber('079203001234', { birthDate: '2004-05-06', gender: 'male' });
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([
      'Số CCCD cho năm sinh 2003, khác năm sinh 2004 đã nhập — kiểm tra lại số CCCD hoặc ngày sinh',
    ]);
  });

  it('warns when the century digit puts the birth in another century', () => {
    const r = checkIdNumber('079003001234', { birthDate: '2003-05-06' });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('năm sinh 1903');
  });

  it('warns, but accepts, when the sex digit disagrees with the gender', () => {
    const r = checkIdNumber('079203001234', { birthDate: '2003-01-01', gender: 'female' });
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(['Số CCCD cho giới tính Nam, khác giới tính Nữ đã nhập — kiểm tra lại']);
  });

  it('gives no warning when everything agrees', () => {
    expect(checkIdNumber('001301012345', { birthDate: '2001-12-31', gender: 'female' }).warnings).toEqual([]);
  });

  it('warns, but accepts, a first-three-digit code that is not a province (births abroad have country codes)', () => {
    const r = checkIdNumber('003090123456');
    expect(r.ok).toBe(true);
    expect(r.provinceName).toBeUndefined();
    expect(r.warnings).toEqual([
      'Mã nơi đăng ký khai sinh (003) của số CCCD không có trong danh mục mã tỉnh',
    ]);
  });

  it('keeps the codes of provinces merged in 2025 valid', () => {
    expect(checkIdNumber('002090123456')).toMatchObject({ ok: true, provinceName: 'Hà Giang', warnings: [] });
  });
});

describe('province codes', () => {
  it('has the 63 codes of Phụ lục I, unique, three digits, names in NFC', () => {
    expect(PROVINCE_CODES).toHaveLength(63);
    expect(new Set(PROVINCE_CODES.map((p) => p.code)).size).toBe(63);
    for (const p of PROVINCE_CODES) {
      expect(p.code).toMatch(/^0[0-9]{2}$/);
      expect(p.name).toBe(p.name.normalize('NFC'));
    }
  });

  it('leaves out the numbers between codes', () => {
    for (const gap of ['003', '005', '013', '039', '050', '090', '097', '000']) {
      expect(findProvinceByCode(gap), gap).toBeUndefined();
    }
    expect(findProvinceByCode('079')?.name).toBe('Hồ Chí Minh');
    expect(findProvinceByCode('096')?.name).toBe('Cà Mau');
  });
});

describe('checkOldIdNumber', () => {
  it('accepts the 9-digit CMND', () => {
    expect(checkOldIdNumber('341234567')).toEqual({ ok: true, digits: 9 });
  });

  it('accepts the 12-digit CMND of Thông tư 27/2012/TT-BCA', () => {
    expect(checkOldIdNumber('025123456789')).toEqual({ ok: true, digits: 12 });
  });

  it('refuses other lengths and non-digits', () => {
    for (const bad of ['', '34123456', '3412345678', '34123456A', '12345678901']) {
      const r = checkOldIdNumber(bad);
      expect(r.ok, bad).toBe(false);
      expect(r.error).toMatch(/^Số CMND/);
    }
  });
});
