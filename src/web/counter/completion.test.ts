import { describe, expect, it } from 'vitest';
import { completionFor } from './completion.ts';

const usual = ['Bệnh viện Đa khoa Sa Đéc, số 153 Nguyễn Sinh Sắc', 'Ủy ban nhân dân phường Sa Đéc'];

describe('completing a box from the desk’s usual values', () => {
  it('completes a start typed without diacritics', () => {
    expect(completionFor('be', usual)).toBe(usual[0]);
    expect(completionFor('uy ban', usual)).toBe(usual[1]);
  });

  it('offers nothing for one letter, for a value typed in full, or for no match', () => {
    expect(completionFor('B', usual)).toBeUndefined();
    expect(completionFor(usual[0]!, usual)).toBeUndefined();
    expect(completionFor('Trạm y tế', usual)).toBeUndefined();
  });
});
