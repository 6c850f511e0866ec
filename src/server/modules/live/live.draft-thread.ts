import { Worker } from 'node:worker_threads';
import type { DraftWrite } from './live.draft-sql.ts';

export interface DraftThreadRequest {
  id: number;
  batch: DraftWrite[];
  now: string;
}

export type DraftThreadReply = { id: number; ok: string[] } | { id: number; error: string };

interface Pending {
  resolve(ok: Set<string>): void;
  reject(err: Error): void;
}

const START_TIMEOUT_MS = 30_000;

/** The worker could not be started at all (as opposed to a batch that failed in it). */
export class DraftThreadStartError extends Error {}

/**
 * The server runs TypeScript through tsx; a worker starts without it, so a small bootstrap registers tsx's
 * loader in the worker before importing the worker module.
 */
function bootstrap(): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./live.draft-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)})
    .then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })
    .catch((err) => { console.error(err); process.exit(1); });`;
}

/**
 * Commits draft batches on SQLite in a worker thread with its own connection to the same file. Started on
 * the first batch; if it dies, the batches in flight fail (nothing is acked, the counters send them again)
 * and the next batch starts a new worker.
 */
export class DraftThread {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly file: string) {}

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(bootstrap(), { eval: true, workerData: { file: this.file } });
    this.worker = worker;
    this.ready = new Promise<void>((ok, fail) => {
      const timer = setTimeout(
        () => fail(new DraftThreadStartError('draft worker did not start')),
        START_TIMEOUT_MS,
      );
      worker.on('message', (m: DraftThreadReply | { ready: true }) => {
        if ('ready' in m) {
          clearTimeout(timer);
          ok();
          return;
        }
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if ('error' in m) p.reject(new Error(m.error));
        else p.resolve(new Set(m.ok));
      });
      const died = (err: Error) => {
        clearTimeout(timer);
        fail(new DraftThreadStartError(err.message));
        if (this.worker !== worker) return;
        this.worker = null;
        this.ready = null;
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      };
      worker.on('error', died);
      worker.on('exit', (code) => died(new Error(`draft worker exited (${code})`)));
    });
    // Not a reason to keep the process alive: closing the app ends it.
    worker.unref();
    return this.ready;
  }

  async run(batch: DraftWrite[], now: string): Promise<Set<string>> {
    if (this.closed) throw new Error('draft worker closed');
    await this.start();
    const worker = this.worker;
    if (!worker) throw new Error('draft worker not running');
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, batch, now } satisfies DraftThreadRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((ok) => worker.once('exit', () => ok()));
    worker.postMessage('close');
    await Promise.race([exited, new Promise((ok) => setTimeout(ok, 2000).unref())]);
    if (this.worker === worker) await worker.terminate();
  }
}
