import { vnIsoDateOf } from '../calendar/iso-date.ts';
import { evaluateCondition, isEmptyValue } from './conditions.ts';
import { type FieldDef, type FormTemplate, templateFields } from './FormTemplate.ts';
import { FIELD_TYPE_SPECS, type NormalizeContext } from './field-types.ts';
import { getAt, setAt } from './value-path.ts';

export interface ValidationError {
  /** Value path of the field: `mother.fullName`, `documents[2].count`; '' for the whole form. */
  path: string;
  /** Vietnamese, names the field. */
  message: string;
}

export interface ValidateOptions {
  /**
   * A draft (live preview, autosave): missing required fields are not errors, so the form renders with
   * dotted blanks. Type errors are still reported (the officer should see them while typing), and the
   * offending value is kept in `values` as safe text so the preview shows what was typed.
   */
  draft?: boolean;
  /** ISO date of today in Asia/Ho_Chi_Minh; defaults to the clock. Tests pass it. */
  today?: string;
}

export interface ValidationResult {
  /** No errors at all. */
  ok: boolean;
  /**
   * Normalised values: NFC text, cleaned names, ISO dates, canonical choices. Fields that are hidden by
   * their `shownWhen` condition and keys the template does not know are dropped.
   */
  values: Record<string, unknown>;
  errors: ValidationError[];
}

/** Groups larger than this are refused before any row is read (a hostile payload must stay cheap). */
const DEFAULT_MAX_ROWS = 200;

export function todayInVietnam(now: number = Date.now()): string {
  return vnIsoDateOf(new Date(now));
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function normalizeOne(
  field: FieldDef,
  raw: unknown,
  path: string,
  ctx: NormalizeContext,
  errors: ValidationError[],
): unknown {
  const spec = FIELD_TYPE_SPECS[field.type];
  if (spec.derived) return undefined;
  const value = isEmptyValue(raw) ? field.default : raw;
  if (isEmptyValue(value)) return undefined;
  const r = spec.normalize(value, field, ctx);
  if (r.ok) return isEmptyValue(r.value) ? undefined : r.value;
  errors.push({ path, message: r.message });
  return r.cleaned;
}

export function validateValues(
  template: FormTemplate,
  values: unknown,
  options: ValidateOptions = {},
): ValidationResult {
  const draft = options.draft === true;
  const ctx: NormalizeContext = { today: options.today ?? todayInVietnam() };
  const errors: ValidationError[] = [];
  const out: Record<string, unknown> = {};
  if (!isRecord(values)) {
    return { ok: false, values: out, errors: [{ path: '', message: 'Dữ liệu của biểu mẫu không hợp lệ' }] };
  }
  const fields = templateFields(template);

  // 1. Types, each field on its own.
  for (const field of fields) {
    const raw = getAt(values, field.key);
    if (field.type === 'group') {
      if (isEmptyValue(raw)) continue;
      if (!Array.isArray(raw)) {
        errors.push({ path: field.key, message: `${field.label} phải là danh sách` });
        continue;
      }
      const maxRows = field.maxRows ?? DEFAULT_MAX_ROWS;
      if (raw.length > maxRows) {
        errors.push({ path: field.key, message: `${field.label} có quá nhiều dòng (tối đa ${maxRows})` });
        continue;
      }
      const rows: Record<string, unknown>[] = [];
      raw.forEach((row, i) => {
        // Rows left empty (a blank line added by the officer) are dropped, not errors.
        if (isEmptyValue(row)) return;
        const rowPath = `${field.key}[${rows.length}]`;
        if (!isRecord(row)) {
          errors.push({
            path: `${field.key}[${i}]`,
            message: `Dòng ${i + 1} của ${field.label} không hợp lệ`,
          });
          return;
        }
        const outRow: Record<string, unknown> = {};
        for (const sub of field.fields ?? []) {
          const v = normalizeOne(sub, getAt(row, sub.key), `${rowPath}.${sub.key}`, ctx, errors);
          if (v !== undefined) setAt(outRow, sub.key, v);
        }
        rows.push(outRow);
      });
      if (rows.length > 0) setAt(out, field.key, rows);
      continue;
    }
    const v = normalizeOne(field, raw, field.key, ctx, errors);
    if (v !== undefined) setAt(out, field.key, v);
  }

  // 2. Conditions, on normalised values (so "filled" means filled with something valid or typed).
  for (const field of fields) {
    if (field.shownWhen && !evaluateCondition(field.shownWhen, out)) {
      setAt(out, field.key, undefined);
      // A hidden field's typing mistakes do not block the form: its value is not used.
      for (let i = errors.length - 1; i >= 0; i--) {
        const p = errors[i]!.path;
        if (p === field.key || p.startsWith(`${field.key}.`) || p.startsWith(`${field.key}[`))
          errors.splice(i, 1);
      }
      continue;
    }
    if (draft) continue;
    const required =
      field.required === true ||
      (field.requiredWhen !== undefined && evaluateCondition(field.requiredWhen, out));
    const v = getAt(out, field.key);
    if (required && isEmptyValue(v) && !errors.some((e) => e.path === field.key)) {
      errors.push({ path: field.key, message: `Chưa nhập ${field.label}` });
    }
    if (field.type === 'group') {
      const rows = Array.isArray(v) ? v : [];
      if (field.minRows !== undefined && rows.length < field.minRows) {
        errors.push({ path: field.key, message: `${field.label} cần ít nhất ${field.minRows} dòng` });
      }
      rows.forEach((row, i) => {
        for (const sub of field.fields ?? []) {
          const subPath = `${field.key}[${i}].${sub.key}`;
          const subRequired =
            sub.required === true ||
            (sub.requiredWhen !== undefined && evaluateCondition(sub.requiredWhen, out));
          if (subRequired && isEmptyValue(getAt(row, sub.key)) && !errors.some((e) => e.path === subPath)) {
            errors.push({ path: subPath, message: `Chưa nhập ${sub.label} (dòng ${i + 1})` });
          }
        }
      });
    }
  }
  return { ok: errors.length === 0, values: out, errors };
}
