import type SqliteDatabase from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { type DraftWrite, type SqliteDraftBatch, sqliteDraftBatch } from './live.draft-sql.ts';
import { DraftThread, DraftThreadStartError } from './live.draft-thread.ts';

export type { DraftWrite } from './live.draft-sql.ts';

const MAX_BATCH = 200;

export interface SqliteHandle {
  db: SqliteDatabase.Database;
  /** The database file; without it (or if the worker cannot start) drafts are written on this thread. */
  file?: string | undefined;
}

interface Queued {
  w: DraftWrite;
  done(ok: boolean): void;
  fail(err: unknown): void;
}

/**
 * Writes drafts in batches: one batch in flight, the keystrokes that arrive meanwhile go into the next one,
 * written in one statement and one commit. Under light load a batch is one keystroke; under heavy load the
 * database does one commit for many counters instead of one each (group commit in the application).
 */
export class DraftWriter {
  private queue: Queued[] = [];
  private busy = false;
  /** Commits made and rows written since start (a burst of one session's keystrokes is one row). */
  readonly stats = { commits: 0, rows: 0 };

  private rawBatch: SqliteDraftBatch | undefined;
  private thread: DraftThread | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
    sqlite?: SqliteHandle,
    private readonly log?: FastifyBaseLogger,
    /** Collects keystrokes this long before each commit: fewer, larger commits under load. */
    private readonly groupCommitMs = 0,
  ) {
    if (sqlite) {
      this.rawBatch = sqliteDraftBatch(sqlite.db);
      // better-sqlite3 commits synchronously: off the main thread, a commit never delays a display's update.
      if (sqlite.file && sqlite.file !== ':memory:') this.thread = new DraftThread(sqlite.file);
    }
  }

  async close(): Promise<void> {
    await this.thread?.close();
  }

  /** Where drafts are committed: PostgreSQL, SQLite's worker thread, or this thread (no file, or no worker). */
  get mode(): 'postgres' | 'worker' | 'main-thread' {
    if (this.kind === 'postgres') return 'postgres';
    return this.thread ? 'worker' : 'main-thread';
  }

  /** Resolves true once committed, false if the row's seq was not `prevSeq` or the session is closed. */
  write(w: DraftWrite): Promise<boolean> {
    return new Promise((done, fail) => {
      this.queue.push({ w, done, fail });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        if (this.groupCommitMs > 0) await new Promise((r) => setTimeout(r, this.groupCommitMs));
        if (this.queue.length === 0) break;
        // One row write per session per batch: a later keystroke's draft holds the earlier ones, so it
        // replaces them (keeping the first one's expected seq) and every waiter gets that write's result.
        const batch = new Map<string, { w: DraftWrite; waiters: Queued[] }>();
        const rest: Queued[] = [];
        for (const q of this.queue) {
          const same = batch.get(q.w.id);
          if (same) {
            same.w = { ...q.w, prevSeq: same.w.prevSeq };
            same.waiters.push(q);
          } else if (batch.size < MAX_BATCH) batch.set(q.w.id, { w: q.w, waiters: [q] });
          else rest.push(q);
        }
        this.queue = rest;
        const entries = [...batch.values()];
        try {
          const written = await this.flush(entries.map((e) => e.w));
          this.stats.commits++;
          this.stats.rows += entries.length;
          for (const e of entries) for (const q of e.waiters) q.done(written.has(e.w.id));
        } catch (err) {
          for (const e of entries) for (const q of e.waiters) q.fail(err);
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private async flush(batch: DraftWrite[]): Promise<Set<string>> {
    const now = new Date().toISOString();
    if (this.kind === 'postgres') {
      const rows = sql.join(
        batch.map(
          (w) => sql`(${w.id}, ${String(w.prevSeq)}, ${String(w.seq)}, ${w.json}, ${w.focus}, ${now})`,
        ),
      );
      const r = await sql<{ id: string }>`
        UPDATE live_sessions AS s
        SET values_json = v.j, focus = v.f, seq = v.q::integer, updated_at = v.u
        FROM (VALUES ${rows}) AS v(id, p, q, j, f, u)
        WHERE s.id = v.id AND s.seq = v.p::integer AND s.status = 'open'
        RETURNING s.id`.execute(this.db);
      return new Set(r.rows.map((x) => x.id));
    }
    if (this.thread) {
      try {
        return await this.thread.run(batch, now);
      } catch (err) {
        if (!(err instanceof DraftThreadStartError)) throw err;
        this.log?.warn({ err }, 'live draft worker unavailable; drafts are written on the main thread');
        this.thread = undefined;
      }
    }
    const raw = this.rawBatch;
    if (raw) {
      // Holding Kysely's connection keeps any Kysely transaction from being open around the raw one.
      return this.db.connection().execute(async () => new Set(raw(batch, now)));
    }
    return this.db.transaction().execute(async (trx) => {
      const ok = new Set<string>();
      for (const w of batch) {
        const res = await trx
          .updateTable('live_sessions')
          .set({ values_json: w.json, focus: w.focus, seq: w.seq, updated_at: now })
          .where('id', '=', w.id)
          .where('seq', '=', w.prevSeq)
          .where('status', '=', 'open')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1) ok.add(w.id);
      }
      return ok;
    });
  }
}
