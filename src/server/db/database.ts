import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
} from 'kysely';
import pg from 'pg';
import type { DatabaseKind } from '../config.ts';
import type { Database } from './schema.ts';

export interface Db {
  kysely: Kysely<Database>;
  kind: DatabaseKind;
  /** Present on PostgreSQL: used for LISTEN/NOTIFY fan-out between app processes. */
  pgPool?: pg.Pool;
  /** The better-sqlite3 handle on SQLite, for hot paths that run prepared statements under Kysely's connection lock. */
  sqlite?: SqliteDatabase.Database;
  /** The SQLite file, for a worker thread that opens its own connection to it. */
  sqliteFile?: string;
  /** The PostgreSQL schema in use when not the default one. */
  pgSchema?: string;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** A file path for SQLite (tests use a temporary file). */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests use a fresh one per run). */
  pgSchema?: string;
  poolSize?: number;
}

// PostgreSQL returns int8/numeric as strings; counts and ids here fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * Kysely's SQLite driver prepares every query afresh; preparing costs about as much as running a short
 * query. The app issues a small, fixed set of SQL texts, so each is prepared once and reused (SQLite
 * re-prepares a statement by itself when the schema changes). Streaming queries would need their own
 * statements; the app does not stream.
 */
function cachePreparedStatements(sqlite: SqliteDatabase.Database, max = 1000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SqliteDatabase.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size >= max) cache.clear();
      cache.set(source, stmt);
    }
    return stmt;
  }) as typeof sqlite.prepare;
}

/**
 * Kysely begins SQLite transactions with a plain (deferred) BEGIN. With a second connection writing to the
 * same file (the live drafts' worker thread), a deferred transaction that reads and then writes fails with
 * SQLITE_BUSY_SNAPSHOT if the other connection committed in between — and the busy timeout does not help.
 * BEGIN IMMEDIATE takes the write lock first, waiting for it under the busy timeout, so it never fails so.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

export function openDb(opts: OpenDbOptions): Db {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      kind: 'postgres',
      pgPool: pool,
      ...(opts.pgSchema ? { pgSchema: opts.pgSchema } : {}),
      close: () => kysely.destroy(),
    };
  }
  const file = opts.sqliteFile ?? join(opts.dataDir ?? './data', 'khongviet.sqlite');
  if (!opts.sqliteFile) mkdirSync(opts.dataDir ?? './data', { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  cachePreparedStatements(sqlite);
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { kysely, kind: 'sqlite', sqlite, sqliteFile: file, close: () => kysely.destroy() };
}
