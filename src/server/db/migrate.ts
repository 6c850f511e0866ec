import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { DatabaseKind } from '../config.ts';
import type { Db } from './database.ts';
import * as m001 from './migrations/001-foundation.ts';
import * as m002 from './migrations/002-dossiers.ts';
import * as m003 from './migrations/003-addresses.ts';
import * as m004 from './migrations/004-live.ts';
import * as m005 from './migrations/005-attachments.ts';
import * as m006 from './migrations/006-portal.ts';
import * as m007 from './migrations/007-committed-due.ts';
import * as m008 from './migrations/008-live-prefill.ts';

type MigrationModule = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema.
  up: (db: any, kind: DatabaseKind) => Promise<void>;
};

/** Listed in code, not read from a folder, so the same list runs from source and from a bundle. */
const MIGRATIONS: Record<string, MigrationModule> = {
  '001-foundation': m001,
  '002-dossiers': m002,
  '003-addresses': m003,
  '004-live': m004,
  '005-attachments': m005,
  '006-portal': m006,
  '007-committed-due': m007,
  '008-live-prefill': m008,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly kind: DatabaseKind) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (db) => mod.up(db, this.kind) };
    }
    return out;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  if (db.pgSchema) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(db.pgSchema))
      throw new Error(`invalid DATABASE_SCHEMA "${db.pgSchema}"`);
    await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${db.pgSchema}`).execute(db.kysely);
  }
  // Kysely looks for its own tables across all schemas; name ours so that tests on parallel schemas stay apart.
  const migrator = new Migrator({
    db: db.kysely,
    provider: new StaticProvider(db.kind),
    ...(db.pgSchema ? { migrationTableSchema: db.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
