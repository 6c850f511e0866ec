/**
 * Keystroke → citizen display latency (docs/LIVE.md). 300 counters each type 5 characters a second into a
 * session shown on a paired display; the clients run in this process, the servers in child processes.
 * Measured in the same run against a bare WebSocket relay under the same load (the baseline), on one
 * process (SQLite) and on two processes over PostgreSQL (officers on one, displays on the other).
 * Also: one real browser pair (keydown on the counter page → the display's DOM updated), and the gzip
 * size of the JavaScript each page loads.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { TestSocket } from '../src/server/modules/live/live.test-client.ts';
import { ApiClient } from '../src/server/test/setup-test-case.ts';
import { launchBrowser, type RunningServer, startServer } from '../test/e2e/harness.ts';
import { openCounter, openDisplay, pair, startKhaiSinh } from '../test/e2e/live-helpers.ts';
import { type BenchResults, percentile, round } from './bench-types.ts';

const COUNTERS = Number(process.env.LIVE_BENCH_COUNTERS ?? 300);
const RATE_HZ = 5;
const WARMUP_MS = 3000;
const MEASURE_MS = Number(process.env.LIVE_BENCH_SECONDS ?? 15) * 1000;
/**
 * The echo and the live path take turns this many times (A B B A A B …), so that the noisy moments of a
 * shared machine fall on both alike; the percentiles are over all rounds together.
 */
const ROUNDS = Number(process.env.LIVE_BENCH_ROUNDS ?? 6);
const TYPED = 'Nguyễn Thị Thu Hà Trần Minh Khôi Bệnh viện Đa khoa Sa Đéc ';

type Arrived = (lane: number, seq: number) => void;

/** Sockets ready to carry keystrokes: lane i sends on its sender and hears back on its receiver. */
interface Load {
  /** Sends keystroke `seq` (the value typed so far) on lane `lane`. */
  send(lane: number, seq: number, value: string): void;
  /** Routes every keystroke that reaches a receiver to `arrived` (replacing the previous route). */
  listen(arrived: Arrived): void;
  lanes: number;
  close(): Promise<void>;
}

interface LoadResult {
  latencies: number[];
  sent: number;
  lost: number;
}

/** Drives every lane at RATE_HZ with a random phase; keeps latencies of keystrokes sent after the warm-up. */
async function drive(load: Load, warmupMs: number, measureMs: number, seqs: number[]): Promise<LoadResult> {
  // This process measures; its own full garbage collections are noise, so one runs before each round
  // (`npm run bench` starts node with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const sentAt = Array.from({ length: load.lanes }, () => new Map<number, number>());
  const latencies: number[] = [];
  const start = performance.now();
  load.listen((lane, seq) => {
    const t = sentAt[lane]?.get(seq);
    if (t === undefined) return;
    sentAt[lane]!.delete(seq);
    latencies.push(performance.now() - t);
  });
  let sent = 0;
  const timers: ReturnType<typeof setInterval>[] = [];
  const phases: ReturnType<typeof setTimeout>[] = [];
  for (let i = 0; i < load.lanes; i++) {
    const startLane = () => {
      timers.push(
        setInterval(() => {
          const seq = ++seqs[i]!;
          const now = performance.now();
          if (now >= start + warmupMs) {
            sentAt[i]!.set(seq, now);
            sent++;
          }
          load.send(i, seq, TYPED.slice(0, 1 + (seq % TYPED.length)));
        }, 1000 / RATE_HZ),
      );
    };
    phases.push(setTimeout(startLane, Math.random() * (1000 / RATE_HZ)));
  }
  await new Promise((r) => setTimeout(r, warmupMs + measureMs));
  for (const t of phases) clearTimeout(t);
  for (const t of timers) clearInterval(t);
  await new Promise((r) => setTimeout(r, 1500));
  const lost = sentAt.reduce((a, m) => a + m.size, 0);
  return { latencies, sent, lost };
}

/** Takes turns, each load an equal share of the measuring time, the order reversed every other round. */
async function alternate(loads: Load[]): Promise<LoadResult[]> {
  const seqs = loads.map((l) => Array.from({ length: l.lanes }, () => 0));
  const out = loads.map((): LoadResult => ({ latencies: [], sent: 0, lost: 0 }));
  const warm = new Set<number>();
  for (let round = 0; round < ROUNDS; round++) {
    const order = loads.map((_, k) => k);
    if (round % 2 === 1) order.reverse();
    for (const k of order) {
      const r = await drive(loads[k]!, warm.has(k) ? 1000 : WARMUP_MS, MEASURE_MS / ROUNDS, seqs[k]!);
      warm.add(k);
      out[k]!.latencies.push(...r.latencies);
      out[k]!.sent += r.sent;
      out[k]!.lost += r.lost;
    }
  }
  for (const r of out) r.latencies.sort((a, b) => a - b);
  return out;
}

async function inBatches<T>(n: number, size: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, j) => fn(i + j)))));
  }
  return out;
}

async function login(baseUrl: string, username: string): Promise<ApiClient> {
  const c = new ApiClient(baseUrl);
  const r = await c.post<{ token: string }>('/api/auth/login', { username, password: 'khongviet' });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  c.token = r.body.token;
  return c;
}

/** 300 counters at Sa Đéc, each with a kiosk display and an open session shown on it. */
async function setupCounters(
  adminUrl: string,
): Promise<{ counters: { id: number; token: string; session: string }[]; officer: ApiClient }> {
  const admin = await login(adminUrl, 'quantri');
  const officer = await login(adminUrl, 'tiepnhan');
  const units = await admin.get<{ id: number; agencyCode: string }[]>('/api/units');
  const unit = units.body.find((u) => u.agencyCode === '000.00.29.H18')!;
  const existing = (await admin.get<{ id: number; number: number }[]>(`/api/units/${unit.id}/counters`)).body;
  const ids = existing.map((c) => c.id);
  const have = new Set(existing.map((c) => c.number));
  const toMake: number[] = [];
  for (let n = 1; ids.length + toMake.length < COUNTERS; n++) if (!have.has(n)) toMake.push(n);
  const made = await inBatches(toMake.length, 20, async (i) => {
    const r = await admin.post<{ id: number }>(`/api/units/${unit.id}/counters`, {
      number: toMake[i],
      name: `Quầy ${toMake[i]}`,
    });
    return r.body.id;
  });
  const all = [...ids, ...made].slice(0, COUNTERS);
  const counters = await inBatches(all.length, 20, async (i) => {
    const id = all[i]!;
    const k = await admin.post<{ token: string }>('/api/live/kiosk', { counterId: id, label: 'bench' });
    const s = await officer.post<{ id: string }>('/api/live/sessions', {
      counterId: id,
      templateId: 'khai-sinh',
    });
    if (s.status !== 201) throw new Error(`session: ${s.status} ${JSON.stringify(s.body)}`);
    return { id, token: k.body.token, session: s.body.id };
  });
  return { counters, officer };
}

/** The live path: officer sockets on `officerUrl`, display sockets on `displayUrl`. */
async function liveSetup(officerUrl: string, displayUrl: string, adminUrl: string): Promise<Load> {
  const { counters, officer } = await setupCounters(adminUrl);
  const displays = await inBatches(counters.length, 25, async (i) => {
    const s = await TestSocket.display(displayUrl, counters[i]!.token);
    await s.next((m) => m.t === 'snapshot' && m.session?.id === counters[i]!.session, 20_000);
    return s;
  });
  const officers = await inBatches(counters.length, 25, async () => {
    const s = await TestSocket.officer(officerUrl, officer.token!);
    await s.type('ready');
    s.onMessage = () => {
      s.messages.length = 0;
    };
    return s;
  });
  return {
    lanes: counters.length,
    send: (lane, seq, value) =>
      officers[lane]!.send({
        t: 'patch',
        sessionId: counters[lane]!.session,
        seq,
        path: 'child.fullName',
        value,
        focus: 'child.fullName',
      }),
    listen: (arrived) => {
      displays.forEach((d, i) => {
        d.onMessage = (m) => {
          d.messages.length = 0;
          if (m.t === 'patch') arrived(i, m.seq);
        };
      });
    },
    close: async () => {
      for (const s of [...displays, ...officers]) s.close();
    },
  };
}

function spawnEcho(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/live-echo-server.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /ECHO_PORT=(\d+)/.exec(out);
      if (m) ok({ url: `http://127.0.0.1:${m[1]}`, child });
    });
    child.once('exit', () => fail(new Error('echo server exited')));
  });
}

/** The baseline: the same keystrokes through a bare WebSocket relay (no application, no database). */
async function echoSetup(): Promise<Load> {
  const { url, child } = await spawnEcho();
  const ws = url.replace('http', 'ws');
  const { WebSocket } = await import('ws');
  const open = (key: string, as: 'in' | 'out') =>
    new Promise<InstanceType<typeof WebSocket>>((ok) => {
      const s = new WebSocket(ws);
      s.once('open', () => {
        s.send(JSON.stringify({ join: key, as }));
        s.once('message', () => ok(s));
      });
    });
  const outs = await inBatches(COUNTERS, 50, (i) => open(`k${i}`, 'out'));
  const ins = await inBatches(COUNTERS, 50, (i) => open(`k${i}`, 'in'));
  const sid = '00000000-0000-4000-8000-000000000000';
  return {
    lanes: COUNTERS,
    send: (lane, seq, value) =>
      ins[lane]!.send(
        JSON.stringify({
          t: 'patch',
          sessionId: sid,
          seq,
          path: 'child.fullName',
          value,
          focus: 'child.fullName',
        }),
      ),
    listen: (arrived) => {
      outs.forEach((s, i) => {
        s.removeAllListeners('message');
        s.on('message', (d: Buffer) => arrived(i, (JSON.parse(d.toString('utf8')) as { seq: number }).seq));
      });
    },
    close: async () => {
      for (const s of [...ins, ...outs]) s.close();
      child.kill();
    },
  };
}

/** One real browser pair: keydown on the counter page → the display's name span shows that many letters. */
async function browserPair(server: RunningServer): Promise<number[]> {
  const browser = await launchBrowser();
  try {
    const display = await openDisplay(browser, server.baseUrl);
    const counter = await openCounter(browser, server.baseUrl);
    await pair(counter, display.code);
    await startKhaiSinh(counter);
    await display.page.locator('.kv-doc').waitFor();
    await display.page.evaluate(() => {
      const w = window as unknown as { __seen: Record<number, number> };
      w.__seen = {};
      new MutationObserver(() => {
        const el = document.querySelector('[data-path="child.fullName"]:not(.kv-blank)');
        const n = el?.textContent?.length ?? 0;
        if (n > 0 && w.__seen[n] === undefined) w.__seen[n] = performance.timeOrigin + performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await counter.evaluate(() => {
      const w = window as unknown as { __keys: number[] };
      w.__keys = [];
      window.addEventListener(
        'keydown',
        () => w.__keys.push(performance.timeOrigin + performance.now()),
        true,
      );
    });
    const box = counter.getByLabel('Họ, chữ đệm, tên người được khai sinh', { exact: true });
    await box.click();
    const letters = 'abcdefghiklmnopqrstuvxyabcdefghiklmnopq';
    for (const ch of letters) {
      await counter.keyboard.press(ch);
      await counter.waitForTimeout(120);
    }
    await counter.waitForTimeout(500);
    const keys = await counter.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
    const seen = await display.page.evaluate(
      () => (window as unknown as { __seen: Record<number, number> }).__seen,
    );
    const out: number[] = [];
    keys.forEach((t, i) => {
      const s = seen[i + 1];
      if (s !== undefined) out.push(s - t);
    });
    return out.sort((a, b) => a - b);
  } finally {
    await browser.close();
  }
}

/** Gzip size of every script an HTML entry loads (its module and the chunks it preloads). */
function bundleKb(html: string): number {
  const dist = join(import.meta.dirname, '../dist/web');
  const page = readFileSync(join(dist, html), 'utf8');
  const files = new Set<string>();
  for (const m of page.matchAll(
    /<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g,
  )) {
    files.add((m[1] ?? m[2])!);
  }
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(join(dist, f.replace(/^\//, '')))).length;
  return round(bytes / 1024, 1);
}

function summary(name: string, r: LoadResult): void {
  console.log(
    `  ${name}: ${r.sent} keystrokes, p50 ${round(percentile(r.latencies, 50))} ms, p99 ${round(percentile(r.latencies, 99))} ms, lost ${r.lost}`,
  );
}

export async function run(): Promise<BenchResults> {
  const results: BenchResults = {};
  if (!existsSync(join(import.meta.dirname, '../dist/web/display.html'))) {
    spawn('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }

  const echoServer = await echoSetup();
  const sqlite = await startServer({ LOG_LEVEL: 'error' });
  let echo: LoadResult;
  let live: LoadResult;
  try {
    const liveLoad = await liveSetup(sqlite.baseUrl, sqlite.baseUrl, sqlite.baseUrl);
    [echo, live] = (await alternate([echoServer, liveLoad])) as [LoadResult, LoadResult];
    await liveLoad.close();
    await echoServer.close();
    summary('bare WebSocket relay', echo);
    summary('live, one process (SQLite)', live);
    const browser = await browserPair(sqlite);
    console.log(
      `  browser pair: ${browser.length} keystrokes, p50 ${round(percentile(browser, 50))} ms, p99 ${round(percentile(browser, 99))} ms`,
    );
    results['live.browser_p99_ms'] = { value: round(percentile(browser, 99)), unit: 'ms' };
    results['live.browser_p50_ms'] = { value: round(percentile(browser, 50)), unit: 'ms' };
  } finally {
    await sqlite.stop();
  }

  const echoP99 = percentile(echo.latencies, 99);
  results['live.p50_ms'] = {
    value: round(percentile(live.latencies, 50)),
    unit: 'ms',
    baseline: round(percentile(echo.latencies, 50)),
  };
  results['live.p99_ms'] = {
    value: round(percentile(live.latencies, 99)),
    unit: 'ms',
    baseline: round(echoP99),
  };
  results['live.echo_p50_ms'] = { value: round(percentile(echo.latencies, 50)), unit: 'ms' };
  results['live.echo_p99_ms'] = { value: round(echoP99), unit: 'ms' };
  results['live.ratio_to_echo'] = { value: round(percentile(live.latencies, 99) / echoP99), unit: 'x' };
  results['live.lost'] = { value: live.lost, unit: 'patches' };

  const pgUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `kv_bench_${process.pid}`;
  let admin: pg.Client | null = new pg.Client({ connectionString: pgUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  } catch (err) {
    console.log(`  two processes on PostgreSQL skipped: ${(err as Error).message}`);
    await admin.end().catch(() => undefined);
    admin = null;
  }
  if (admin) {
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    const env = { DATABASE_URL: u.toString(), LOG_LEVEL: 'error' };
    let a: RunningServer | undefined;
    let b: RunningServer | undefined;
    try {
      a = await startServer(env);
      b = await startServer(env);
      const twoLoad = await liveSetup(a.baseUrl, b.baseUrl, a.baseUrl);
      const seqs = Array.from({ length: twoLoad.lanes }, () => 0);
      const two = await drive(twoLoad, WARMUP_MS, MEASURE_MS, seqs);
      two.latencies.sort((x, y) => x - y);
      await twoLoad.close();
      summary('live, two processes (PostgreSQL)', two);
      results['live.two_process_p50_ms'] = { value: round(percentile(two.latencies, 50)), unit: 'ms' };
      results['live.two_process_p99_ms'] = {
        value: round(percentile(two.latencies, 99)),
        unit: 'ms',
        baseline: round(echoP99),
      };
      results['live.two_process_lost'] = { value: two.lost, unit: 'patches' };
    } finally {
      await a?.stop();
      await b?.stop();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
  }

  results['bundle.display_kb'] = { value: bundleKb('display.html'), unit: 'KB gzip' };
  results['bundle.counter_kb'] = { value: bundleKb('index.html'), unit: 'KB gzip' };
  return results;
}
