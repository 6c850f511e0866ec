import { buildDocument } from '../../core/document/build-document.ts';
import type { DocBlock, Span } from '../../core/document/DocumentModel.ts';
import { type FieldDef, type FormTemplate, templateFields } from '../../core/forms/FormTemplate.ts';
import { FIELD_TYPE_SPECS } from '../../core/forms/field-types.ts';

export interface FormSection {
  /** First segment of the keys (`mother`), or the key itself for a top-level field. */
  prefix: string;
  title: string;
  fields: FieldDef[];
  /** A person block (has a full name): it can be copied from another one, or filled by a scan. */
  person: boolean;
}

function spanPaths(blocks: readonly DocBlock[], out: string[]): void {
  const add = (spans: readonly Span[]) => {
    for (const s of spans) if (s.path) out.push(s.path);
  };
  for (const b of blocks) {
    switch (b.kind) {
      case 'agencyHeader':
        for (const l of b.agency) add(l);
        break;
      case 'title':
        for (const l of b.lines) add(l);
        break;
      case 'paragraph':
        add(b.spans);
        break;
      case 'table':
        for (const c of b.header ?? []) add(c);
        for (const r of b.rows) for (const c of r) add(c);
        break;
      case 'columns':
        for (const c of b.columns) spanPaths(c, out);
        break;
      case 'signature':
        for (const c of b.columns) {
          add(c.above);
          add(c.name);
        }
        break;
      case 'qr':
        out.push(b.path);
        break;
      default:
        break;
    }
  }
}

/** The field a value path belongs to (`mother.identity.number` → `mother.identity`). */
export function fieldKeyOf(keys: readonly string[], path: string): string | undefined {
  let best: string | undefined;
  for (const k of keys) {
    if (path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`)) {
      if (!best || k.length > best.length) best = k;
    }
  }
  return best;
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/**
 * The template's typed fields in the order they appear on the printed form (what the citizen sees on the
 * display follows the officer's cursor down the page), grouped by their first key segment.
 */
export function formSections(t: FormTemplate): FormSection[] {
  const fields = templateFields(t).filter((f) => !FIELD_TYPE_SPECS[f.type].derived);
  const keys = fields.map((f) => f.key);
  const paths: string[] = [];
  spanPaths(buildDocument(t, {}).blocks, paths);
  const order = new Map<string, number>();
  for (const p of paths) {
    const k = fieldKeyOf(keys, p);
    if (k !== undefined && !order.has(k)) order.set(k, order.size);
  }
  const sorted = [...fields].sort(
    (a, b) =>
      (order.get(a.key) ?? 1e6 + keys.indexOf(a.key)) - (order.get(b.key) ?? 1e6 + keys.indexOf(b.key)),
  );
  const sections: FormSection[] = [];
  for (const f of sorted) {
    const prefix = f.key.includes('.') ? f.key.slice(0, f.key.indexOf('.')) : f.key;
    let s = sections.find((x) => x.prefix === prefix);
    if (!s) {
      s = { prefix, title: '', fields: [], person: false };
      sections.push(s);
    }
    s.fields.push(f);
  }
  for (const s of sections) {
    const name = s.fields.find((f) => f.key === `${s.prefix}.fullName`);
    s.person = name !== undefined;
    const label = name?.label.replace(/^Họ, chữ đệm,? (và )?tên\s*/i, '') ?? '';
    s.title = label ? capitalize(label) : s.fields.length > 1 ? capitalize(s.fields[0]!.label) : '';
  }
  return sections;
}
