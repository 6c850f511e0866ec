import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../db/database.ts';

/** What one app process tells every app process (including itself) about the live counters. */
export type BusMessage =
  | {
      k: 'patch';
      counterId: number;
      sessionId: string;
      seq: number;
      path?: string;
      value?: unknown;
      focus?: string | null;
    }
  /** The counter's display now shows this session (null: idle). */
  | { k: 'show'; counterId: number; sessionId: string | null }
  | { k: 'review'; counterId: number; sessionId: string; on: boolean }
  /** A patch too large for a notification: displays re-read the session from the database. */
  | { k: 'reload'; counterId: number; sessionId: string }
  | { k: 'display'; displayId: number; event: 'paired' | 'revoked' }
  /** The bus lost messages (PostgreSQL connection dropped): every display must be re-sent its state. */
  | { k: 'resync' };

/** `remote`: the message came from another app process. */
export type BusHandler = (msg: BusMessage, remote: boolean) => void;

/** Fan-out between app processes. Publishing after the change is committed keeps every display truthful. */
export interface LiveBus {
  publish(msg: BusMessage): Promise<void>;
  subscribe(handler: BusHandler): () => void;
  close(): Promise<void>;
}

class Subscribers {
  private readonly handlers = new Set<BusHandler>();
  add(h: BusHandler): () => void {
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }
  emit(msg: BusMessage, remote = false): void {
    for (const h of this.handlers) {
      try {
        h(msg, remote);
      } catch {
        // One broken subscriber must not stop the others.
      }
    }
  }
}

/** One process (SQLite): the bus is a function call. */
export class MemoryLiveBus implements LiveBus {
  private readonly subs = new Subscribers();
  async publish(msg: BusMessage): Promise<void> {
    this.subs.emit(msg);
  }
  subscribe(handler: BusHandler): () => void {
    return this.subs.add(handler);
  }
  async close(): Promise<void> {}
}

/** PostgreSQL's limit is 8000 bytes; leave room for the channel name and our envelope. */
export const NOTIFY_LIMIT = 7800;

/**
 * Several processes on PostgreSQL: NOTIFY to publish, one dedicated LISTEN connection per process.
 * The publishing process delivers to itself at once and ignores its own notification when it comes back.
 */
export class PgLiveBus implements LiveBus {
  private readonly subs = new Subscribers();
  private readonly origin = randomBytes(6).toString('base64url');
  private listener: pg.Client | null = null;
  private closed = false;
  private retryMs = 250;
  channel = 'kv_live';

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string | undefined,
  ) {}

  async start(): Promise<void> {
    // One channel per schema: deployments (or test runs) sharing a PostgreSQL server never hear each other.
    const current =
      this.schema ?? (await this.pool.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s;
    this.channel = `kv_live_${current ?? 'public'}`
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_')
      .slice(0, 63);
    await this.connectListener();
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client(this.pool.options);
    client.on('notification', (n) => {
      if (n.channel !== this.channel || !n.payload) return;
      let env: { o: string; ms: BusMessage[] };
      try {
        env = JSON.parse(n.payload) as { o: string; ms: BusMessage[] };
      } catch {
        return;
      }
      if (env.o === this.origin || !Array.isArray(env.ms)) return;
      for (const m of env.ms) this.subs.emit(m, true);
    });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.listener = client;
    this.retryMs = 250;
  }

  private reconnect(client: pg.Client): void {
    if (this.closed || this.listener !== client) return;
    this.listener = null;
    client.removeAllListeners();
    client.end().catch(() => undefined);
    const retry = () => {
      if (this.closed) return;
      this.connectListener()
        .then(() => this.subs.emit({ k: 'resync' }))
        .catch(() => {
          this.retryMs = Math.min(this.retryMs * 2, 10_000);
          setTimeout(retry, this.retryMs).unref();
        });
    };
    setTimeout(retry, this.retryMs).unref();
  }

  /**
   * Delivers here at once, then NOTIFYs the other processes. One NOTIFY is in flight at a time; messages
   * published meanwhile travel together in the next one (each NOTIFY is a commit, and PostgreSQL
   * serialises notifying commits), so the cost stays flat when hundreds of counters type at once.
   */
  async publish(msg: BusMessage): Promise<void> {
    this.subs.emit(msg);
    let text = JSON.stringify(msg);
    if (Buffer.byteLength(text) > NOTIFY_LIMIT - 40) {
      // Too large to travel: send a pointer, the receivers read the session from the database.
      if (msg.k !== 'patch') throw new Error(`live bus message too large: ${msg.k}`);
      text = JSON.stringify({
        k: 'reload',
        counterId: msg.counterId,
        sessionId: msg.sessionId,
      } satisfies BusMessage);
    }
    this.outbox.push(text);
    await this.pump();
  }

  private outbox: string[] = [];
  private flushing: Promise<void> | null = null;

  private pump(): Promise<void> {
    this.flushing ??= (async () => {
      try {
        while (this.outbox.length > 0) {
          const head = `{"o":"${this.origin}","ms":[`;
          let payload = head;
          let size = Buffer.byteLength(head) + 2;
          let n = 0;
          for (const m of this.outbox) {
            const len = Buffer.byteLength(m) + 1;
            if (n > 0 && size + len > NOTIFY_LIMIT) break;
            payload += (n > 0 ? ',' : '') + m;
            size += len;
            n++;
          }
          this.outbox = this.outbox.slice(n);
          await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, `${payload}]}`]);
        }
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  subscribe(handler: BusHandler): () => void {
    return this.subs.add(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    const l = this.listener;
    this.listener = null;
    if (l) {
      l.removeAllListeners();
      await l.end().catch(() => undefined);
    }
  }
}

/** The bus for a database: in-process on SQLite, LISTEN/NOTIFY on PostgreSQL. */
export async function createLiveBus(db: Db): Promise<LiveBus> {
  if (db.kind === 'postgres' && db.pgPool) {
    const bus = new PgLiveBus(db.pgPool, db.pgSchema);
    await bus.start();
    return bus;
  }
  return new MemoryLiveBus();
}
