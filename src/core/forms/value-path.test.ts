import { describe, expect, it } from 'vitest';
import { getAt, setAt } from './value-path.ts';

describe('setAt', () => {
  it('creates the objects and arrays a path needs', () => {
    const v: Record<string, unknown> = {};
    setAt(v, 'documents[1].count', 2);
    expect(getAt(v, 'documents[1].count')).toBe(2);
    expect(Array.isArray(v.documents)).toBe(true);
  });

  it('replaces a scalar row of a group when a field inside the row is set', () => {
    const v: Record<string, unknown> = { documents: [true, 'x'] };
    setAt(v, 'documents[0].pages', 3);
    setAt(v, 'documents[1].rows[0]', 'a');
    expect(v.documents).toEqual([{ pages: 3 }, { rows: ['a'] }]);
  });

  it('replaces a scalar where an object is needed', () => {
    const v: Record<string, unknown> = { mother: 'Lan' };
    setAt(v, 'mother.fullName', 'Nguyễn Thị Lan');
    expect(v.mother).toEqual({ fullName: 'Nguyễn Thị Lan' });
  });

  it('never writes to the prototype', () => {
    const v: Record<string, unknown> = {};
    setAt(v, '__proto__.polluted', true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
