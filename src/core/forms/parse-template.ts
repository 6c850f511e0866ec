import type { z } from 'zod';
import { conditionFields } from './conditions.ts';
import { type ExpandResult, expandTemplate, type TemplateIssue } from './expand-template.ts';
import {
  type Condition,
  type FieldDef,
  FormTemplate,
  isBlockUse,
  type LayoutBlock,
  type Run,
  templateFields,
} from './FormTemplate.ts';

export interface FieldIndex {
  /** Top-level fields by key (`mother.fullName`). */
  top: Map<string, FieldDef>;
}

export function indexFields(t: FormTemplate): FieldIndex {
  return { top: new Map(templateFields(t).map((f) => [f.key, f])) };
}

/**
 * Checks what the zod schema cannot: every path in the layout names a declared field, conditions
 * name fields, check boxes point at choices, derived dates point at dates, keys are unique.
 */
export function checkTemplate(t: FormTemplate): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const fields = templateFields(t);
  const top = new Map<string, FieldDef>();
  fields.forEach((f, i) => {
    if (top.has(f.key)) issues.push({ path: `fields[${i}].key`, message: `Trùng khóa trường "${f.key}"` });
    top.set(f.key, f);
  });
  const keys = [...top.keys()];
  for (const k of keys) {
    if (keys.some((other) => other.startsWith(`${k}.`))) {
      issues.push({ path: 'fields', message: `Khóa "${k}" vừa là trường vừa là nhóm của trường khác` });
    }
  }
  const checkCondition = (c: Condition | undefined, where: string) => {
    if (!c) return;
    for (const f of conditionFields(c)) {
      if (!top.has(f)) issues.push({ path: where, message: `Điều kiện nhắc tới trường không có: "${f}"` });
    }
  };
  const checkField = (f: FieldDef, where: string, siblings: Map<string, FieldDef>) => {
    checkCondition(f.shownWhen, `${where}.shownWhen`);
    checkCondition(f.requiredWhen, `${where}.requiredWhen`);
    if (f.type === 'choice' && !f.options)
      issues.push({ path: where, message: `Trường chọn "${f.key}" thiếu "options"` });
    if (f.type === 'group' && !f.fields)
      issues.push({ path: where, message: `Nhóm "${f.key}" thiếu "fields"` });
    if (f.type !== 'group' && f.fields)
      issues.push({ path: where, message: `Chỉ trường "group" mới có "fields"` });
    if (f.type === 'dateInWords') {
      const src = f.from ? siblings.get(f.from) : undefined;
      if (src?.type !== 'date') {
        issues.push({ path: `${where}.from`, message: `"from" phải là khóa của một trường ngày (date)` });
      }
    }
    if (f.type === 'group' && f.fields) {
      const sub = new Map(f.fields.map((s) => [s.key, s]));
      f.fields.forEach((s, j) => {
        if (s.type === 'group')
          issues.push({ path: `${where}.fields[${j}]`, message: 'Không hỗ trợ nhóm lồng trong nhóm' });
        checkField(s, `${where}.fields[${j}]`, sub);
      });
    }
  };
  fields.forEach((f, i) => {
    checkField(f, `fields[${i}]`, top);
  });

  const checkRuns = (runs: Run[], where: string, scope: Map<string, FieldDef>) => {
    runs.forEach((r, i) => {
      if (typeof r === 'string') return;
      if ('value' in r && !scope.has(r.value)) {
        issues.push({ path: `${where}[${i}].value`, message: `Không có trường "${r.value}"` });
      }
      if ('checkbox' in r) {
        const f = scope.get(r.checkbox);
        if (f?.type !== 'choice') {
          issues.push({
            path: `${where}[${i}].checkbox`,
            message: `"${r.checkbox}" phải là một trường chọn (choice)`,
          });
        } else if (r.option !== undefined && !(f.options ?? []).some((o) => o.value === r.option)) {
          issues.push({
            path: `${where}[${i}].option`,
            message: `Trường "${r.checkbox}" không có lựa chọn "${r.option}"`,
          });
        }
      }
    });
  };
  const checkLayout = (blocks: LayoutBlock[], where: string) => {
    blocks.forEach((b, i) => {
      const here = `${where}[${i}]`;
      if (isBlockUse(b)) {
        issues.push({ path: here, message: `Khối "${b.use}" chưa được mở rộng` });
        return;
      }
      checkCondition(b.shownWhen, `${here}.shownWhen`);
      switch (b.type) {
        case 'agencyHeader':
          b.agency.forEach((line, j) => {
            checkRuns(line, `${here}.agency[${j}]`, top);
          });
          break;
        case 'title':
          (b.lines ?? []).forEach((line, j) => {
            checkRuns(line, `${here}.lines[${j}]`, top);
          });
          break;
        case 'paragraph':
          checkRuns(b.runs, `${here}.runs`, top);
          break;
        case 'labelValue':
          b.items.forEach((it, j) => {
            if (!top.has(it.value))
              issues.push({ path: `${here}.items[${j}].value`, message: `Không có trường "${it.value}"` });
          });
          break;
        case 'table': {
          if (b.group !== undefined) {
            const g = top.get(b.group);
            if (g?.type !== 'group') {
              issues.push({ path: `${here}.group`, message: `"${b.group}" phải là một trường nhóm (group)` });
              break;
            }
            const scope = new Map((g.fields ?? []).map((s) => [s.key, s]));
            b.columns.forEach((c, j) => {
              if (!c.cell)
                issues.push({ path: `${here}.columns[${j}]`, message: 'Cột của bảng theo nhóm cần "cell"' });
              else checkRuns(c.cell, `${here}.columns[${j}].cell`, scope);
            });
          } else {
            (b.rows ?? []).forEach((row, r) => {
              if (row.length !== b.columns.length) {
                issues.push({
                  path: `${here}.rows[${r}]`,
                  message: `Hàng có ${row.length} ô, bảng có ${b.columns.length} cột`,
                });
              }
              row.forEach((cell, c) => {
                checkRuns(cell, `${here}.rows[${r}][${c}]`, top);
              });
            });
          }
          break;
        }
        case 'checkboxes': {
          const f = top.get(b.value);
          if (f?.type !== 'choice')
            issues.push({ path: `${here}.value`, message: `"${b.value}" phải là một trường chọn (choice)` });
          checkRuns(b.label ?? [], `${here}.label`, top);
          checkRuns(b.after ?? [], `${here}.after`, top);
          break;
        }
        case 'signature':
          b.columns.forEach((c, j) => {
            if (c.name !== undefined && !top.has(c.name)) {
              issues.push({ path: `${here}.columns[${j}].name`, message: `Không có trường "${c.name}"` });
            }
            checkRuns(c.above ?? [], `${here}.columns[${j}].above`, top);
          });
          break;
        case 'columns':
          b.columns.forEach((c, j) => {
            checkLayout(c.blocks, `${here}.columns[${j}].blocks`);
          });
          break;
        case 'qr':
          if (!top.has(b.value))
            issues.push({ path: `${here}.value`, message: `Không có trường "${b.value}"` });
          break;
        default:
          break;
      }
    });
  };
  checkLayout(t.layout, 'layout');
  return issues;
}

/** `fields[0].type`, the same notation as `checkTemplate` and value paths. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/**
 * A union failure says only "invalid input" at the entry. An author needs the reason inside the branch
 * they meant: when every branch rejects the same key's value (a block's `type`), that key is wrong and
 * the allowed values are listed; otherwise the branch that came closest (fewest issues) explains.
 */
function explainIssues(issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[]): TemplateIssue[] {
  return issues.flatMap((iss): TemplateIssue[] => {
    const at = [...base, ...iss.path];
    if (iss.code !== 'invalid_union' || iss.errors.length === 0) {
      return [{ path: formatPath(at), message: iss.message }];
    }
    const branches = iss.errors;
    const key = branches.flat().find((i) => i.code === 'invalid_value' && i.path.length === 1)?.path[0];
    const rejectsKey = (b: readonly z.core.$ZodIssue[]) =>
      b.some(
        (i) =>
          (i.code === 'invalid_value' && i.path.length === 1 && i.path[0] === key) ||
          (i.code === 'unrecognized_keys' && i.path.length === 0 && i.keys.includes(String(key))),
      );
    if (key !== undefined && branches.every(rejectsKey)) {
      const allowed = branches.flatMap((b) =>
        b.flatMap((i) => (i.code === 'invalid_value' && i.path[0] === key ? i.values.map(String) : [])),
      );
      return [
        {
          path: formatPath([...at, key]),
          message: `Giá trị không hợp lệ, phải là một trong: ${allowed.join(', ')}`,
        },
      ];
    }
    const closest = branches.reduce((best, b) => (b.length < best.length ? b : best));
    return explainIssues(closest, at);
  });
}

/** Parses a template as written on disk: schema, block expansion, then `checkTemplate`. */
export function parseTemplate(raw: unknown): ExpandResult {
  const parsed = FormTemplate.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: explainIssues(parsed.error.issues, []) };
  const expanded = expandTemplate(parsed.data);
  if (!expanded.ok) return expanded;
  const issues = checkTemplate(expanded.template);
  return issues.length > 0 ? { ok: false, issues } : expanded;
}
