import type { Condition } from './FormTemplate.ts';
import { getAt } from './value-path.ts';

export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (typeof v === 'number') return Number.isNaN(v);
  if (Array.isArray(v)) return v.every(isEmptyValue);
  if (typeof v === 'object') return Object.values(v).every(isEmptyValue);
  return false;
}

function sameScalar(v: unknown, expected: string | number | boolean): boolean {
  if (Array.isArray(v)) return v.some((x) => sameScalar(x, expected));
  if (typeof expected === 'string' && typeof v === 'string')
    return v.normalize('NFC') === expected.normalize('NFC');
  return v === expected;
}

/** Evaluates a condition against (normalised) values. Paths are absolute. */
export function evaluateCondition(cond: Condition, values: unknown): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluateCondition(c, values));
  if ('any' in cond) return cond.any.some((c) => evaluateCondition(c, values));
  const v = getAt(values, cond.field);
  if ('is' in cond) return cond.is === 'empty' ? isEmptyValue(v) : !isEmptyValue(v);
  if ('equals' in cond) return sameScalar(v, cond.equals);
  return !sameScalar(v, cond.notEquals);
}

export function conditionFields(cond: Condition): string[] {
  if ('all' in cond) return cond.all.flatMap(conditionFields);
  if ('any' in cond) return cond.any.flatMap(conditionFields);
  return [cond.field];
}
