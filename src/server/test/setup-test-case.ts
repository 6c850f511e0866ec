import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { type AppConfig, type DatabaseKind, loadConfig } from '../config.ts';
import { type Db, openDb } from '../db/database.ts';
import { prepareDatabase } from '../db/prepare.ts';
import { DEMO_PASSWORD, seedDemo } from '../modules/demo/seed-demo.ts';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const DB_KINDS: DatabaseKind[] = (() => {
  const kinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  // CI runs the SQLite suite first, then only the PostgreSQL half with TEST_DB_KINDS=postgres.
  const only = process.env.TEST_DB_KINDS?.split(',');
  return only ? kinds.filter((k) => only.includes(k)) : kinds;
})();

export interface TestDatabase {
  db: Db;
  kind: DatabaseKind;
  /** For a second app process on the same database. */
  databaseUrl?: string;
  pgSchema?: string;
  sqliteFile?: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given kind: a temporary SQLite file or a new PostgreSQL schema. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kv-test-'));
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = openDb({ databaseUrl: url, pgSchema: schema, poolSize: 10 });
    await prepareDatabase(db);
    return {
      db,
      kind,
      databaseUrl: url,
      pgSchema: schema,
      dataDir,
      async drop() {
        await db.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const sqliteFile = join(dataDir, 'test.sqlite');
  const db = openDb({ sqliteFile });
  await prepareDatabase(db);
  return {
    db,
    kind,
    sqliteFile,
    dataDir,
    async drop() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client for a running test server: JSON in, JSON out, optional bearer token or cookie session. */
export class ApiClient {
  token?: string;
  cookie?: string;
  csrfToken?: string;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (this.cookie) h.cookie = this.cookie;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export interface TestCase {
  app: FastifyInstance;
  database: TestDatabase;
  baseUrl: string;
  config: AppConfig;
  /** A client logged in with a bearer token as the given demo account. */
  as(username: string, password?: string): Promise<ApiClient>;
  anonymous(): ApiClient;
  close(): Promise<void>;
}

/** A real server on a fresh database with the demo data, listening on a free loopback port. */
export async function setupTestCase(
  kind: DatabaseKind,
  opts: { seed?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<TestCase> {
  const database = await createTestDatabase(kind);
  if (opts.seed !== false) await seedDemo(database.db.kysely);
  const config: AppConfig = {
    ...loadConfig(opts.env ?? {}),
    dataDir: database.dataDir,
    port: 0,
    host: '127.0.0.1',
  };
  const app = await buildApp({ db: database.db, config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    database,
    baseUrl,
    config,
    async as(username, password = DEMO_PASSWORD) {
      const client = new ApiClient(baseUrl);
      const res = await client.post<{ token: string }>('/api/auth/login', { username, password });
      if (res.status !== 200)
        throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      client.token = res.body.token;
      return client;
    },
    anonymous: () => new ApiClient(baseUrl),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export { sql };
