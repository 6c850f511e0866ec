import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesQuery, scoreMatch } from './fold.ts';
import { collapseSpaces, nfc } from './normalize.ts';

describe('nfc and collapseSpaces', () => {
  it('turns decomposed Vietnamese into composed form', () => {
    const nfd = 'Nguyễn'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn');
    expect(nfc(nfd)).toBe('Nguyễn');
  });

  it('trims and collapses every kind of white space', () => {
    expect(collapseSpaces('  Phường\u00a0 Sa\tĐéc \n')).toBe('Phường Sa Đéc');
  });
});

describe('foldVietnamese', () => {
  it('drops diacritics and folds đ to d', () => {
    expect(foldVietnamese('Phường Sa Đéc')).toBe('phuong sa dec');
    expect(foldVietnamese('Nguyễn Thị Ánh đào')).toBe('nguyen thi anh dao');
  });

  it('gives the same result for NFC and NFD input', () => {
    const s = 'Tân Khánh Đông, Hòa Thuận, Quỳnh';
    expect(foldVietnamese(s.normalize('NFD'))).toBe(foldVietnamese(s));
    expect(foldVietnamese(s)).toBe('tan khanh dong, hoa thuan, quynh');
  });
});

describe('matchesQuery', () => {
  it('finds a name typed without diacritics', () => {
    expect(matchesQuery('Nguyễn Văn A', 'nguyen van a')).toBe(true);
    expect(matchesQuery('Phường Sa Đéc', 'sa dec')).toBe(true);
  });

  it('ignores word order and punctuation', () => {
    expect(matchesQuery('Phường An Hòa, thành phố Sa Đéc', 'dec hoa')).toBe(true);
  });

  it('needs every query word', () => {
    expect(matchesQuery('Phường Sa Đéc', 'sa dec ha noi')).toBe(false);
  });

  it('matches everything for an empty query', () => {
    expect(matchesQuery('Phường Sa Đéc', '  ')).toBe(true);
  });
});

describe('scoreMatch', () => {
  it('ranks a whole-word match above a match inside a word', () => {
    expect(scoreMatch('Nguyễn Văn An', 'an')).toBeGreaterThan(scoreMatch('Trần Thị Lan', 'an'));
  });

  it('ranks a word-start match above a match inside a word', () => {
    expect(scoreMatch('Phường Tân Quy Đông', 'tan')).toBeGreaterThan(scoreMatch('Xã Hòa Tân', 'an'));
    expect(scoreMatch('Sa Đéc', 'de')).toBeGreaterThan(scoreMatch('Xã Tân Đe', 'e'));
  });

  it('ranks a haystack that starts with the query first', () => {
    expect(scoreMatch('Sa Đéc', 'sa dec')).toBeGreaterThan(scoreMatch('Phường Sa Đéc', 'sa dec'));
  });

  it('gives 0 when the query does not match', () => {
    expect(scoreMatch('Phường Sa Đéc', 'ha noi')).toBe(0);
  });
});
