import type SqliteDatabase from 'better-sqlite3';

/** One draft row to write, if its seq is still `prevSeq` (nobody else wrote in between). */
export interface DraftWrite {
  id: string;
  prevSeq: number;
  seq: number;
  json: string;
  focus: string | null;
}

/** Writes a batch of drafts on SQLite in one transaction; returns the ids whose row was updated. */
export type SqliteDraftBatch = (batch: DraftWrite[], now: string) => string[];

/**
 * One prepared statement in one IMMEDIATE transaction: the write lock is taken first (waiting under the busy
 * timeout), so a batch never fails on a snapshot another connection made stale.
 */
export function sqliteDraftBatch(sqlite: SqliteDatabase.Database): SqliteDraftBatch {
  const update = sqlite.prepare(
    `UPDATE live_sessions SET values_json = ?, focus = ?, seq = ?, updated_at = ?
     WHERE id = ? AND seq = ? AND status = 'open'`,
  );
  const tx = sqlite.transaction((batch: DraftWrite[], now: string) => {
    const ok: string[] = [];
    for (const w of batch) {
      if (update.run(w.json, w.focus, w.seq, now, w.id, w.prevSeq).changes === 1) ok.push(w.id);
    }
    return ok;
  });
  return (batch, now) => tx.immediate(batch, now);
}
