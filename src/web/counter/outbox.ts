/**
 * Patches typed at the counter and not yet acknowledged by the server, kept in IndexedDB so that a reload,
 * a closed browser or a server restart loses nothing: they are replayed in order when the socket is back.
 */
export interface OutboxEntry {
  sessionId: string;
  seq: number;
  path?: string;
  value?: unknown;
  focus?: string | null;
}

const DB_NAME = 'kv-live';
const STORE = 'outbox';

function open(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  return new Promise((ok) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(STORE, { keyPath: ['sessionId', 'seq'] });
    };
    req.onsuccess = () => ok(req.result);
    // Private windows may refuse IndexedDB: the counter still works, with memory only.
    req.onerror = () => ok(null);
  });
}

export class Outbox {
  private db: Promise<IDBDatabase | null> = open();

  private async tx(mode: IDBTransactionMode, run: (s: IDBObjectStore) => void): Promise<void> {
    const db = await this.db;
    if (!db) return;
    await new Promise<void>((ok) => {
      const t = db.transaction(STORE, mode);
      run(t.objectStore(STORE));
      t.oncomplete = () => ok();
      t.onerror = () => ok();
      t.onabort = () => ok();
    });
  }

  put(e: OutboxEntry): Promise<void> {
    return this.tx('readwrite', (s) => s.put(e));
  }

  /** Removes every entry of the session up to and including `seq` (acks are cumulative per session). */
  ackUpTo(sessionId: string, seq: number): Promise<void> {
    return this.tx('readwrite', (s) => s.delete(IDBKeyRange.bound([sessionId, 0], [sessionId, seq])));
  }

  dropSession(sessionId: string): Promise<void> {
    return this.tx('readwrite', (s) =>
      s.delete(IDBKeyRange.bound([sessionId, 0], [sessionId, Number.MAX_SAFE_INTEGER])),
    );
  }

  async all(): Promise<OutboxEntry[]> {
    const db = await this.db;
    if (!db) return [];
    return new Promise((ok) => {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).getAll();
      req.onsuccess = () =>
        ok(
          (req.result as OutboxEntry[]).sort(
            (a, b) => a.sessionId.localeCompare(b.sessionId) || a.seq - b.seq,
          ),
        );
      req.onerror = () => ok([]);
    });
  }
}
