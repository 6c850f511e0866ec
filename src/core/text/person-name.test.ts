import { describe, expect, it } from 'vitest';
import { maskName, normalizePersonName, upperName } from './person-name.ts';

describe('normalizePersonName', () => {
  it('capitalises each word and collapses spaces', () => {
    expect(normalizePersonName('nguyễn  văn AN')).toBe('Nguyễn Văn An');
    expect(normalizePersonName('  ĐẶNG thị ánh  ')).toBe('Đặng Thị Ánh');
  });

  it('returns NFC even for decomposed input', () => {
    expect(normalizePersonName('nguyễn thị ánh'.normalize('NFD'))).toBe('Nguyễn Thị Ánh');
  });

  it('capitalises after an apostrophe or hyphen', () => {
    expect(normalizePersonName("h'hen niê")).toBe("H'Hen Niê");
  });
});

describe('upperName', () => {
  it('upper-cases Vietnamese letters correctly', () => {
    expect(upperName('Nguyễn Thị Ánh')).toBe('NGUYỄN THỊ ÁNH');
    expect(upperName('đỗ  quỳnh ưng')).toBe('ĐỖ QUỲNH ƯNG');
  });
});

describe('maskName', () => {
  it('keeps the first letter of each word and stars the rest', () => {
    expect(maskName('Nguyễn Văn An')).toBe('N***** V** A*');
  });

  it('counts a composed letter as one', () => {
    expect(maskName('Lê Thị Ánh'.normalize('NFD'))).toBe('L* T** Á**');
  });

  it('keeps one-letter words and punctuation', () => {
    expect(maskName('Nguyễn Văn A')).toBe('N***** V** A');
    expect(maskName("H'Hen Niê")).toBe("H'*** N**");
  });
});
