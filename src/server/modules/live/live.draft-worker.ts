/**
 * The worker thread that commits live drafts on SQLite (started by live.draft-thread.ts). better-sqlite3 is
 * synchronous: on the main thread every commit would hold up the sockets, so the keystrokes wait here instead.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { sqliteDraftBatch } from './live.draft-sql.ts';
import type { DraftThreadReply, DraftThreadRequest } from './live.draft-thread.ts';

const { file } = workerData as { file: string };
const sqlite = new SqliteDatabase(file, { fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('synchronous = NORMAL');
const run = sqliteDraftBatch(sqlite);
const port = parentPort!;

port.on('message', (m: DraftThreadRequest | 'close') => {
  if (m === 'close') {
    sqlite.close();
    port.close();
    return;
  }
  let reply: DraftThreadReply;
  try {
    reply = { id: m.id, ok: run(m.batch, m.now) };
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
