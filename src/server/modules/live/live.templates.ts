import type { Kysely } from 'kysely';
import type { FormTemplate } from '../../../core/forms/FormTemplate.ts';
import { templateFields } from '../../../core/forms/FormTemplate.ts';
import type { Database } from '../../db/schema.ts';
import { loadTemplateDir } from '../../templates/load-templates.ts';
import {
  findTemplate,
  listTemplates,
  TEMPLATES_DIR,
  type TemplateSummary,
} from '../templates/template-store.ts';

/**
 * Adapter to the template store: the stored versions (form_templates) first, then the template files on
 * disk (a fresh database before the store has been synced, and tests). Parsed templates are cached.
 */
let fromDisk: Map<string, FormTemplate> | null = null;

function diskTemplates(): Map<string, FormTemplate> {
  if (!fromDisk) {
    fromDisk = new Map();
    for (const t of loadTemplateDir(TEMPLATES_DIR).templates) {
      fromDisk.set(`${t.id}@${t.version}`, t);
      const latest = fromDisk.get(t.id);
      if (!latest || latest.version < t.version) fromDisk.set(t.id, t);
    }
  }
  return fromDisk;
}

export async function findLiveTemplate(
  db: Kysely<Database>,
  id: string,
  version?: number,
): Promise<FormTemplate | undefined> {
  try {
    const stored = await findTemplate(db, id, version);
    if (stored) return stored;
  } catch {
    // The store's table may not exist yet on this database; the files still serve.
  }
  return diskTemplates().get(version === undefined ? id : `${id}@${version}`);
}

const keysCache = new WeakMap<FormTemplate, string[]>();

/** Whether a value path lies inside one of the template's fields (`mother.identity.number` → `mother.identity`). */
export function pathInTemplate(t: FormTemplate, path: string): boolean {
  let keys = keysCache.get(t);
  if (!keys) {
    keys = templateFields(t).map((f) => f.key);
    keysCache.set(t, keys);
  }
  return keys.some((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`));
}

/** The latest version of every template: the store's list, or the files when the store is empty. */
export async function listLiveTemplates(db: Kysely<Database>): Promise<TemplateSummary[]> {
  try {
    const stored = await listTemplates(db);
    if (stored.length > 0) return stored;
  } catch {
    // Store not available: fall back to the files.
  }
  const latest = [...diskTemplates().entries()].filter(([k]) => !k.includes('@')).map(([, t]) => t);
  return latest.map((t) => ({
    id: t.id,
    version: t.version,
    title: t.title,
    field: t.field,
    procedureCodes: t.procedureCodes,
  }));
}
