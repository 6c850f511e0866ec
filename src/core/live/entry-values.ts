/**
 * Values kept by the server (a citizen's prefill, an earlier dossier, an ID card) are normalised: dates are
 * ISO. The counter's draft holds values as an officer types them, so such values are turned back into what
 * the entry form shows ("2025-06-02" → "02/06/2025") before they become patches.
 */
import type { FieldDef, FormTemplate } from '../forms/FormTemplate.ts';
import { templateFields } from '../forms/FormTemplate.ts';

/** `yyyy-mm-dd` → `dd/mm/yyyy`, `yyyy-mm` → `mm/yyyy`; anything else unchanged. */
export function isoToEntryDate(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (full) return `${full[3]}/${full[2]}/${full[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(v);
  if (month) return `${month[2]}/${month[1]}`;
  return v;
}

function entryValue(f: FieldDef, v: unknown): unknown {
  if (v === undefined || v === null) return v;
  switch (f.type) {
    case 'date':
      return isoToEntryDate(v);
    case 'identityDocument':
    case 'placeAndDate': {
      if (typeof v !== 'object' || Array.isArray(v)) return v;
      const o = { ...(v as Record<string, unknown>) };
      if ('issuedOn' in o) o.issuedOn = isoToEntryDate(o.issuedOn);
      if ('date' in o) o.date = isoToEntryDate(o.date);
      return o;
    }
    case 'group': {
      if (!Array.isArray(v)) return v;
      return v.map((row) => {
        if (typeof row !== 'object' || row === null) return row;
        const out = { ...(row as Record<string, unknown>) };
        for (const sub of f.fields ?? []) if (sub.key in out) out[sub.key] = entryValue(sub, out[sub.key]);
        return out;
      });
    }
    default:
      return v;
  }
}

function getPath(obj: Record<string, unknown>, key: string): unknown {
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, key: string, v: unknown): void {
  const parts = key.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (typeof next !== 'object' || next === null) return;
    cur = next as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = v;
}

/** A deep copy of `values` with every date of the template's fields written as the entry form shows it. */
export function toEntryValues(t: FormTemplate, values: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(values);
  for (const f of templateFields(t)) {
    const v = getPath(out, f.key);
    if (v !== undefined) setPath(out, f.key, entryValue(f, v));
  }
  return out;
}

/** The same for a person block's values keyed by sub-key (`{ birthDate, identity }` of `mother`). */
export function toEntryBlock(
  t: FormTemplate,
  prefix: string,
  block: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byKey = new Map(templateFields(t).map((f) => [f.key, f]));
  for (const [k, v] of Object.entries(block)) {
    const f = byKey.get(`${prefix}.${k}`);
    out[k] = f ? entryValue(f, v) : v;
  }
  return out;
}
