import { syncProceduresFromCatalogue } from '../modules/procedures/procedures.repo.ts';
import { syncTemplatesFromDir } from '../modules/templates/template-store.ts';
import type { Db } from './database.ts';
import { migrateToLatest } from './migrate.ts';

export interface PrepareReport {
  migrations: string[];
  templatesAdded: number;
  templateErrors: { file: string; path: string; message: string }[];
  /** Template files edited without raising their version: not applied. */
  templatesNeedingVersion: string[];
  proceduresAdded: number;
  proceduresSkipped: string[];
}

/** Everything a database needs before serving: migrations, the shipped templates and the procedure catalogue. */
export async function prepareDatabase(db: Db): Promise<PrepareReport> {
  const migrations = await migrateToLatest(db);
  const templates = await syncTemplatesFromDir(db.kysely);
  const procedures = await syncProceduresFromCatalogue(db.kysely);
  return {
    migrations,
    templatesAdded: templates.added,
    templateErrors: templates.errors,
    templatesNeedingVersion: templates.unchangedVersions,
    proceduresAdded: procedures.added,
    proceduresSkipped: procedures.skipped,
  };
}
