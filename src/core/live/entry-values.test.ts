import { describe, expect, it } from 'vitest';
import raw from '../../../templates/ho-tich/khai-sinh.json' with { type: 'json' };
import { parseTemplate } from '../forms/parse-template.ts';
import { validateValues } from '../forms/validate-values.ts';
import { isoToEntryDate, toEntryBlock, toEntryValues } from './entry-values.ts';

const parsed = parseTemplate(raw);
if (!parsed.ok) throw new Error('khai-sinh template does not parse');
const khaiSinh = parsed.template;

describe('values turned back into what the officer types', () => {
  it('writes ISO dates day first and leaves a bare year alone', () => {
    expect(isoToEntryDate('2025-06-02')).toBe('02/06/2025');
    expect(isoToEntryDate('2025-06')).toBe('06/2025');
    expect(isoToEntryDate('1993')).toBe('1993');
    expect(isoToEntryDate(12)).toBe(12);
  });

  it('converts the dates of a normalised birth registration and validates back to the same values', () => {
    const normalised = validateValues(khaiSinh, khaiSinh.samples[0]!.values).values;
    const entry = toEntryValues(khaiSinh, normalised);
    expect((entry.child as Record<string, unknown>).birthDate).toBe('02/06/2025');
    expect((entry.madeAt as Record<string, unknown>).date).toBe('15/06/2025');
    expect(((entry.requester as Record<string, unknown>).identity as Record<string, unknown>).issuedOn).toBe(
      '20/11/2021',
    );
    expect((entry.father as Record<string, unknown>).birthDate).toBe('1993');
    // The input is not changed, and the entry values mean exactly what the normalised ones meant.
    expect((normalised.child as Record<string, unknown>).birthDate).toBe('2025-06-02');
    expect(validateValues(khaiSinh, entry).values).toEqual(normalised);
  });

  it('converts a person block by its sub-keys', () => {
    expect(
      toEntryBlock(khaiSinh, 'mother', {
        birthDate: '1995-03-12',
        identity: { kind: 'cccd', number: '087195001234', issuedOn: '2021-04-15' },
        fullName: 'Nguyễn Thị Ánh',
      }),
    ).toEqual({
      birthDate: '12/03/1995',
      identity: { kind: 'cccd', number: '087195001234', issuedOn: '15/04/2021' },
      fullName: 'Nguyễn Thị Ánh',
    });
  });
});
