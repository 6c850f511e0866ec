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
        // One write per session per batch: a second one waits for the next batch, in order.
        const batch: Queued[] = [];
        const rest: Queued[] = [];
        const ids = new Set<string>();
        for (const q of this.queue) {
          if (batch.length < MAX_BATCH && !ids.has(q.w.id)) {
            ids.add(q.w.id);
            batch.push(q);
          } else rest.push(q);
        }
        this.queue = rest;
        try {
          const written = await this.flush(batch.map((q) => q.w));
          for (const q of batch) q.done(written.has(q.w.id));
        } catch (err) {
          for (const q of batch) q.fail(err);
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
