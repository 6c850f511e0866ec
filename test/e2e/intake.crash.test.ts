import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './harness.ts';

const values = (
  JSON.parse(readFileSync('templates/ho-tich/khai-sinh.json', 'utf8')) as { samples: { values: unknown }[] }
).samples[0]!.values;

async function login(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tiepnhan', password: 'khongviet' }),
  });
  return ((await res.json()) as { token: string }).token;
}

const schema = `crash_${Date.now().toString(36)}`;
const backends: { name: string; env: () => Record<string, string> }[] = [{ name: 'sqlite', env: () => ({}) }];
if (process.env.TEST_DATABASE_URL) {
  backends.push({
    name: 'postgres',
    env: () => ({ DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema }),
  });
}

describe.each(backends)('intake survives kill -9 ($name)', ({ env }) => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    if (env().DATABASE_URL) {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });

  it('keeps every dossier whose 201 reached the client, with codes still gapless and unique', async () => {
    const first = await startServer(env());
    servers.push(first);
    const token = await login(first.baseUrl);
    const acknowledged: string[] = [];
    let killed = false;
    const post = async () => {
      try {
        const res = await fetch(`${first.baseUrl}/api/dossiers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ procedureCode: '1.001193', values }),
        });
        if (res.status === 201) acknowledged.push(((await res.json()) as { code: string }).code);
      } catch {
        // the connection died with the server
      }
    };
    const workers = Array.from({ length: 8 }, async () => {
      while (!killed) await post();
    });
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 5));
    await first.stop('SIGKILL');
    killed = true;
    await Promise.all(workers);

    const second = await startServer({ ...env(), DATA_DIR: first.dataDir });
    servers.push(second);
    const token2 = await login(second.baseUrl);
    const res = await fetch(`${second.baseUrl}/api/dossiers?limit=500`, {
      headers: { authorization: `Bearer ${token2}` },
    });
    const stored = ((await res.json()) as { code: string }[]).map((d) => d.code);
    for (const code of acknowledged) expect(stored).toContain(code);
    // Gapless and unique per agency per day (the demo data also holds dossiers of earlier days).
    const byDay = new Map<string, number[]>();
    for (const c of stored) {
      const prefix = c.slice(0, c.lastIndexOf('-'));
      byDay.set(prefix, [...(byDay.get(prefix) ?? []), Number(c.slice(c.lastIndexOf('-') + 1))]);
    }
    for (const numbers of byDay.values()) {
      numbers.sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    }
    const todayPrefix = acknowledged[0]!.slice(0, acknowledged[0]!.lastIndexOf('-'));
    const today = byDay.get(todayPrefix)!;

    // The sequence goes on from where it stopped, with no gap.
    const next = await fetch(`${second.baseUrl}/api/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token2}` },
      body: JSON.stringify({ procedureCode: '1.001193', values }),
    });
    const code = ((await next.json()) as { code: string }).code;
    expect(code.startsWith(todayPrefix)).toBe(true);
    expect(Number(code.slice(code.lastIndexOf('-') + 1))).toBe(today.length + 1);
  });
});
