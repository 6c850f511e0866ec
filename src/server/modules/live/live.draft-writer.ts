import type SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import type { Database } from '../../db/schema.ts';

/** One draft row to write, if its seq is still `prevSeq` (nobody else wrote in between). */
export interface DraftWrite {
  id: string;
  prevSeq: number;
  seq: number;
  json: string;
  focus: string | null;
}

const MAX_BATCH = 200;

export type SqliteHandle = SqliteDatabase.Database;

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

  private rawBatch: ((batch: DraftWrite[], now: string) => Set<string>) | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
    sqlite?: SqliteHandle,
  ) {
    if (sqlite) {
      // One prepared statement in one synchronous transaction: the batch holds the event loop for a few
      // microseconds a row instead of an async round of query building per row.
      const update = sqlite.prepare(
        `UPDATE live_sessions SET values_json = ?, focus = ?, seq = ?, updated_at = ?
         WHERE id = ? AND seq = ? AND status = 'open'`,
      );
      this.rawBatch = sqlite.transaction((batch: DraftWrite[], now: string) => {
        const ok = new Set<string>();
        for (const w of batch) {
          if (update.run(w.json, w.focus, w.seq, now, w.id, w.prevSeq).changes === 1) ok.add(w.id);
        }
        return ok;
      });
    }
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
    const raw = this.rawBatch;
    if (raw) {
      // Holding Kysely's connection keeps any Kysely transaction from being open around the raw one.
      return this.db.connection().execute(async () => raw(batch, now));
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
