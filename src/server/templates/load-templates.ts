import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { FormTemplate } from '../../core/forms/FormTemplate.ts';
import { parseTemplate } from '../../core/forms/parse-template.ts';
import { validateValues } from '../../core/forms/validate-values.ts';

export interface TemplateLoadError {
  /** File path relative to the templates directory. */
  file: string;
  /** Where in the file (`layout[3].items[0].value`), or '' for the whole file. */
  path: string;
  message: string;
}

export interface LoadedTemplates {
  templates: FormTemplate[];
  errors: TemplateLoadError[];
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name.startsWith('_')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...jsonFiles(full));
    else if (name.endsWith('.json')) out.push(full);
  }
  return out;
}

/**
 * Loads every `templates/<field>/<id>.json`: parses, expands reusable blocks, checks the schema and the
 * layout's references, and checks that each sample validates. A file with errors is left out of
 * `templates`; its errors say where and why.
 */
export function loadTemplateDir(dir: string): LoadedTemplates {
  const templates: FormTemplate[] = [];
  const errors: TemplateLoadError[] = [];
  const seen = new Map<string, string>();
  for (const full of jsonFiles(dir)) {
    const file = relative(dir, full);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(full, 'utf8'));
    } catch (err) {
      errors.push({ file, path: '', message: `JSON không hợp lệ: ${(err as Error).message}` });
      continue;
    }
    const parsed = parseTemplate(raw);
    if (!parsed.ok) {
      errors.push(...parsed.issues.map((i) => ({ file, ...i })));
      continue;
    }
    const t = parsed.template;
    const fileErrors: TemplateLoadError[] = [];
    const folder = relative(dir, join(full, '..'));
    if (folder !== t.field) {
      fileErrors.push({
        file,
        path: 'field',
        message: `"field" là "${t.field}" nhưng tệp nằm trong thư mục "${folder}"`,
      });
    }
    if (basename(full, '.json') !== t.id) {
      fileErrors.push({
        file,
        path: 'id',
        message: `"id" là "${t.id}" nhưng tên tệp là "${basename(full)}"`,
      });
    }
    const key = `${t.id}@${t.version}`;
    const other = seen.get(key);
    if (other) fileErrors.push({ file, path: 'id', message: `Trùng id và version với ${other}` });
    seen.set(key, file);
    t.samples.forEach((s, i) => {
      const r = validateValues(t, s.values);
      for (const e of r.errors) {
        fileErrors.push({
          file,
          path: `samples[${i}].values.${e.path}`,
          message: `Mẫu "${s.name}": ${e.message}`,
        });
      }
    });
    if (fileErrors.length > 0) errors.push(...fileErrors);
    else templates.push(t);
  }
  return { templates, errors };
}
