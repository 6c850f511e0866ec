import { REUSABLE_BLOCKS, type ReusableBlock } from './blocks.ts';
import { type BlockUse, type FieldDef, FormTemplate, isBlockUse, type LayoutBlock } from './FormTemplate.ts';

export interface TemplateIssue {
  /** Where in the template file: `layout[3].items[0].value`. */
  path: string;
  message: string;
}

export type ExpandResult = { ok: true; template: FormTemplate } | { ok: false; issues: TemplateIssue[] };

function substitute<T>(x: T, vars: Record<string, string>): T {
  if (typeof x === 'string') {
    return x.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => vars[name] ?? whole) as T;
  }
  if (Array.isArray(x)) return x.map((e) => substitute(e, vars)) as T;
  if (typeof x === 'object' && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = substitute(v, vars);
    return out as T;
  }
  return x;
}

function instantiate(
  use: BlockUse,
  where: string,
  issues: TemplateIssue[],
): { fields: FieldDef[]; layout: LayoutBlock[] } | undefined {
  const block: ReusableBlock | undefined = Object.hasOwn(REUSABLE_BLOCKS, use.use)
    ? REUSABLE_BLOCKS[use.use]
    : undefined;
  if (!block) {
    issues.push({
      path: where,
      message: `Không có khối dùng chung tên "${use.use}" (có: ${Object.keys(REUSABLE_BLOCKS).join(', ')})`,
    });
    return undefined;
  }
  const prefix = use.prefix ?? block.defaultPrefix;
  if (prefix === undefined && JSON.stringify(block).includes('{{prefix}}')) {
    issues.push({ path: where, message: `Khối "${use.use}" cần "prefix" (ví dụ "mother")` });
    return undefined;
  }
  const vars: Record<string, string> = { ...block.params, ...(use.params ?? {}), prefix: prefix ?? '' };
  let fields = substitute(block.fields, vars);
  const layout = substitute(block.layout ?? [], vars);
  const leftover = JSON.stringify({ fields, layout }).match(/\{\{(\w+)\}\}/);
  if (leftover) {
    issues.push({ path: where, message: `Khối "${use.use}" thiếu tham số "${leftover[1]}"` });
    return undefined;
  }
  const keys = new Set(fields.map((f) => f.key));
  for (const k of [...(use.required ?? []), ...(use.omit ?? []), ...Object.keys(use.override ?? {})]) {
    if (!keys.has(k)) issues.push({ path: where, message: `Khối "${use.use}" không có trường "${k}"` });
  }
  const omit = new Set(use.omit ?? []);
  const required = new Set(use.required ?? []);
  const override = use.override ?? {};
  fields = fields
    .filter((f) => !omit.has(f.key))
    .map(
      (f) => ({ ...f, ...(Object.hasOwn(override, f.key) ? override[f.key] : {}), key: f.key }) as FieldDef,
    )
    .map((f) => (required.has(f.key) ? { ...f, required: true } : f));
  return { fields, layout };
}

/**
 * Replaces every `{ "use": … }` in `fields` and `layout` by the block's content. A block used in the
 * layout also brings its fields, unless the template already declares a field with the same key.
 */
export function expandTemplate(t: FormTemplate): ExpandResult {
  const issues: TemplateIssue[] = [];
  const fields: FieldDef[] = [];
  t.fields.forEach((f, i) => {
    if (isBlockUse(f)) {
      const r = instantiate(f, `fields[${i}]`, issues);
      if (r) fields.push(...r.fields);
    } else fields.push(f);
  });
  const declared = new Set(fields.map((f) => f.key));
  const brought: FieldDef[] = [];

  const expandLayout = (blocks: LayoutBlock[], where: string): LayoutBlock[] =>
    blocks.flatMap((b, i): LayoutBlock[] => {
      const here = `${where}[${i}]`;
      if (isBlockUse(b)) {
        const r = instantiate(b, here, issues);
        if (!r) return [];
        for (const f of r.fields) {
          if (!declared.has(f.key)) {
            declared.add(f.key);
            brought.push(f);
          }
        }
        return r.layout;
      }
      if (b.type === 'columns') {
        return [
          {
            ...b,
            columns: b.columns.map((c, j) => ({
              ...c,
              blocks: expandLayout(c.blocks, `${here}.columns[${j}].blocks`),
            })),
          },
        ];
      }
      return [b];
    });

  const layout = expandLayout(t.layout, 'layout');
  if (issues.length > 0) return { ok: false, issues };
  const expanded = { ...t, fields: [...fields, ...brought], layout };
  const parsed = FormTemplate.safeParse(expanded);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((iss) => ({
        path: iss.path.map(String).join('.'),
        message: iss.message,
      })),
    };
  }
  return { ok: true, template: parsed.data };
}
