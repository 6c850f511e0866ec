import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { FormTemplate } from '../../../core/forms/FormTemplate.ts';
import { parseTemplate } from '../../../core/forms/parse-template.ts';
import { validateValues } from '../../../core/forms/validate-values.ts';
import type { Database } from '../../db/schema.ts';
import { loadTemplateDir, type TemplateLoadError } from '../../templates/load-templates.ts';
import { recordEvent } from '../events/events.repo.ts';
import './templates.tables.ts';

export const TEMPLATES_DIR = resolve('templates');

export interface TemplateSummary {
  id: string;
  version: number;
  title: string;
  field: string;
  procedureCodes: string[];
}

/**
 * Versions never change once stored, so a parsed template can be cached by id and version in every
 * process. The cache is per database: tests (and tools) open several databases in one process, and
 * `khai-sinh@2` of one is not `khai-sinh@2` of another.
 */
const parsedCaches = new WeakMap<Kysely<Database>, Map<string, FormTemplate>>();

function parsedCacheOf(db: Kysely<Database>): Map<string, FormTemplate> {
  let cache = parsedCaches.get(db);
  if (!cache) {
    cache = new Map();
    parsedCaches.set(db, cache);
  }
  return cache;
}

/** Two imports of one template at once both read the same max version; the loser retries. */
function isDuplicateKey(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function cacheKey(id: string, version: number): string {
  return `${id}@${version}`;
}

function parseStored(definition: string): FormTemplate {
  return JSON.parse(definition) as FormTemplate;
}

/**
 * Stores every template file whose (id, version) is not yet in the database. Returns the load errors
 * (a broken file is skipped, never half-stored), how many versions were added, and the files that were
 * edited without raising their version (stored versions never change, so such an edit is not applied).
 */
export async function syncTemplatesFromDir(
  db: Kysely<Database>,
  dir: string = TEMPLATES_DIR,
): Promise<{ added: number; errors: TemplateLoadError[]; unchangedVersions: string[] }> {
  const { templates, errors } = loadTemplateDir(dir);
  const existing = await db
    .selectFrom('form_templates')
    .select(['template_id', 'version', 'definition', 'source'])
    .execute();
  const have = new Set(existing.map((r) => cacheKey(r.template_id, r.version)));
  const storedFile = new Map(
    existing
      .filter((r) => r.source === 'file')
      .map((r) => [cacheKey(r.template_id, r.version), r.definition]),
  );
  const unchangedVersions = templates
    .filter((t) => {
      const stored = storedFile.get(cacheKey(t.id, t.version));
      return stored !== undefined && stored !== JSON.stringify(t);
    })
    .map((t) => `${t.id}@${t.version}`);
  const now = new Date().toISOString();
  const rows = templates
    .filter((t) => !have.has(cacheKey(t.id, t.version)))
    .map((t) => ({
      template_id: t.id,
      version: t.version,
      field: t.field,
      title: t.title,
      definition: JSON.stringify(t),
      source: 'file',
      created_at: now,
      created_by: null,
    }));
  // Several processes may start at once on one PostgreSQL: the first one stores, the others skip.
  if (rows.length > 0)
    await db
      .insertInto('form_templates')
      .values(rows)
      .onConflict((oc) => oc.columns(['template_id', 'version']).doNothing())
      .execute();
  return { added: rows.length, errors, unchangedVersions };
}

/** The latest version of each template. */
export async function listTemplates(db: Kysely<Database>): Promise<TemplateSummary[]> {
  const rows = await db
    .selectFrom('form_templates')
    .select(['template_id', 'version', 'definition'])
    .orderBy('template_id')
    .orderBy('version', 'desc')
    .execute();
  const latest = new Map<string, TemplateSummary>();
  for (const r of rows) {
    if (latest.has(r.template_id)) continue;
    const t = await findTemplate(db, r.template_id, r.version, r.definition);
    if (t)
      latest.set(t.id, {
        id: t.id,
        version: t.version,
        title: t.title,
        field: t.field,
        procedureCodes: t.procedureCodes,
      });
  }
  return [...latest.values()].sort(
    (a, b) => a.field.localeCompare(b.field) || a.title.localeCompare(b.title, 'vi'),
  );
}

/** A template by id (latest version unless one is asked for); undefined when there is none. */
export async function findTemplate(
  db: Kysely<Database>,
  id: string,
  version?: number,
  knownDefinition?: string,
): Promise<FormTemplate | undefined> {
  let v = version;
  if (v === undefined) {
    const row = await db
      .selectFrom('form_templates')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('template_id', '=', id)
      .executeTakeFirst();
    if (row?.v == null) return undefined;
    v = Number(row.v);
  }
  const key = cacheKey(id, v);
  const cache = parsedCacheOf(db);
  const cached = cache.get(key);
  if (cached) return cached;
  let definition = knownDefinition;
  if (definition === undefined) {
    const row = await db
      .selectFrom('form_templates')
      .select('definition')
      .where('template_id', '=', id)
      .where('version', '=', v)
      .executeTakeFirst();
    if (!row) return undefined;
    definition = row.definition;
  }
  const t = parseStored(definition);
  cache.set(key, t);
  return t;
}

export async function listVersions(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('form_templates')
    .select(['version', 'source', 'created_at', 'created_by'])
    .where('template_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
}

export type ImportResult =
  | { ok: true; template: FormTemplate }
  | { ok: false; errors: { path: string; message: string }[] };

/**
 * Imports a template definition as a new version (max stored + 1), so that anything made with an older
 * version keeps rendering with it. Validation failures come back by path; nothing is stored then.
 */
export async function importTemplate(
  db: Kysely<Database>,
  raw: unknown,
  actor: { userId: number; ip: string },
): Promise<ImportResult> {
  const parsed = parseTemplate(raw);
  if (!parsed.ok)
    return { ok: false, errors: parsed.issues.map((i) => ({ path: i.path, message: i.message })) };
  const t = parsed.template;
  const sampleErrors = t.samples.flatMap((s, i) =>
    validateValues(t, s.values).errors.map((e) => ({
      path: `samples[${i}].values.${e.path}`,
      message: `Mẫu "${s.name}": ${e.message}`,
    })),
  );
  if (sampleErrors.length > 0) return { ok: false, errors: sampleErrors };
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeNewVersion(db, t, actor);
    } catch (err) {
      if (attempt >= 10 || !isDuplicateKey(err)) throw err;
    }
  }
}

async function storeNewVersion(
  db: Kysely<Database>,
  t: FormTemplate,
  actor: { userId: number; ip: string },
): Promise<ImportResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('form_templates')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('template_id', '=', t.id)
      .executeTakeFirst();
    const version = Number(row?.v ?? 0) + 1;
    const stored: FormTemplate = { ...t, version };
    await trx
      .insertInto('form_templates')
      .values({
        template_id: t.id,
        version,
        field: t.field,
        title: t.title,
        definition: JSON.stringify(stored),
        source: 'import',
        created_at: new Date().toISOString(),
        created_by: actor.userId,
      })
      .execute();
    await recordEvent(trx, {
      actorUserId: actor.userId,
      entityType: 'template',
      entityId: `${t.id}@${version}`,
      action: 'import',
      ip: actor.ip,
    });
    return { ok: true, template: stored };
  });
}
