/**
 * Dossier intake through the real HTTP API: a server process of its own (the same entry point as
 * `npm start`), 16 clients posting birth registrations concurrently, on SQLite and on PostgreSQL
 * (fresh schema on BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test). The baseline
 * is GET /api/health under the same load, against the same server, in the same run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { type RunningServer, startServer } from '../test/e2e/harness.ts';
import { type BenchResults, percentile, round } from './bench-types.ts';

const CONNECTIONS = 16;
const DOSSIERS = Number(process.env.BENCH_INTAKE_COUNT ?? 3000);
const WARMUP = 100;
const KHAI_SINH = '1.001193';
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs `total` requests over `CONNECTIONS` concurrent loops; returns sorted latencies and wall time. */
async function load(
  total: number,
  request: (i: number) => Promise<Response>,
): Promise<{ latencies: number[]; seconds: number; failures: number }> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!res.ok) failures++;
      }
    }),
  );
  return {
    latencies: latencies.sort((a, b) => a - b),
    seconds: (performance.now() - started) / 1000,
    failures,
  };
}

async function measure(
  server: RunningServer,
): Promise<{ perS: number; p99: number; healthPerS: number; p50: number }> {
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tiepnhan', password: 'khongviet' }),
  });
  const { token } = (await login.json()) as { token: string };
  const template = JSON.parse(readFileSync(resolve('templates/ho-tich/khai-sinh.json'), 'utf8')) as {
    samples: { values: unknown }[];
  };
  const body = JSON.stringify({
    procedureCode: KHAI_SINH,
    values: template.samples[0]!.values,
    documents: [{ name: 'Giấy chứng sinh', kind: 'original', count: 1 }],
    counterId: 1,
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const post = () => fetch(`${server.baseUrl}/api/dossiers`, { method: 'POST', headers, body });
  const health = () => fetch(`${server.baseUrl}/api/health`);

  await load(WARMUP, post);
  await load(WARMUP, health);
  const baseline = await load(DOSSIERS, health);
  const intake = await load(DOSSIERS, post);
  if (intake.failures > 0) throw new Error(`${intake.failures} intake requests failed`);
  return {
    perS: DOSSIERS / intake.seconds,
    p99: percentile(intake.latencies, 99),
    p50: percentile(intake.latencies, 50),
    healthPerS: DOSSIERS / baseline.seconds,
  };
}

async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function run(): Promise<BenchResults> {
  const results: BenchResults = {};

  const dataDir = mkdtempSync(join(tmpdir(), 'kv-bench-intake-'));
  const sqlite = await startServer({ DATA_DIR: dataDir, SKIP_WEB_BUILD: '1' });
  try {
    const m = await measure(sqlite);
    console.log(
      `  sqlite: ${m.perS.toFixed(0)} dossiers/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms; health ${m.healthPerS.toFixed(0)}/s`,
    );
    results['intake.per_s_sqlite'] = {
      value: round(m.perS, 0),
      unit: 'dossiers/s',
      baseline: round(m.healthPerS, 0),
    };
    results['intake.p99_ms_sqlite'] = { value: round(m.p99, 1), unit: 'ms' };
    results['intake.p50_ms_sqlite'] = { value: round(m.p50, 1), unit: 'ms' };
  } finally {
    await sqlite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  if (!(await postgresAvailable())) {
    console.log(`  postgres: not reachable at ${PG_URL}, skipped`);
    return results;
  }
  const schema = `bench_intake_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pgDir = mkdtempSync(join(tmpdir(), 'kv-bench-intake-pg-'));
  const server = await startServer({
    DATA_DIR: pgDir,
    DATABASE_URL: PG_URL,
    DATABASE_SCHEMA: schema,
    SKIP_WEB_BUILD: '1',
  });
  try {
    const m = await measure(server);
    console.log(
      `  postgres: ${m.perS.toFixed(0)} dossiers/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms; health ${m.healthPerS.toFixed(0)}/s`,
    );
    results['intake.per_s_postgres'] = {
      value: round(m.perS, 0),
      unit: 'dossiers/s',
      baseline: round(m.healthPerS, 0),
    };
    results['intake.p99_ms_postgres'] = { value: round(m.p99, 1), unit: 'ms' };
  } finally {
    await server.stop();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    rmSync(pgDir, { recursive: true, force: true });
  }
  return results;
}
