import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { DraftWriter } from './live.draft-writer.ts';
import { TestSocket } from './live.test-client.ts';
import { countersOf, openKhaiSinh, pairedDisplay } from './live.test-fixtures.ts';

const NAME = 'Nguyễn Thị Thu Hà Trần Minh Khôi';

async function draftRow(t: TestCase, id: string) {
  const row = await t.database.db.kysely
    .selectFrom('live_sessions')
    .select(['seq', 'values_json'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { seq: row.seq, values: JSON.parse(row.values_json) };
}

describe.each(DB_KINDS)('live commits: keystrokes flow ahead of their commits (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  let counters: number[];
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
    counters = await countersOf(officer);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a burst of keystrokes in order at once; acks are cumulative and come after the commit', async () => {
    const d = await pairedDisplay(t, officer, counters[0]!);
    const id = await openKhaiSinh(officer, counters[0]!);
    await d.socket.next((m) => m.t === 'snapshot' && m.session?.id === id);
    const shown: { seq: number; value: string }[] = [];
    d.socket.onMessage = (m) => {
      if (m.t === 'patch') shown.push({ seq: m.seq, value: m.value });
    };
    const ws = await TestSocket.officer(t.baseUrl, officer.token!);
    await ws.type('ready');
    const acks: number[] = [];
    ws.onMessage = (m) => {
      if (m.t === 'ack') acks.push(m.seq);
    };
    for (let i = 1; i <= NAME.length; i++) {
      ws.send({ t: 'patch', sessionId: id, seq: i, path: 'child.fullName', value: NAME.slice(0, i) });
    }
    await ws.next((m) => m.t === 'ack' && m.seq === NAME.length, 10_000);
    // Every keystroke reached the display, in the order typed.
    expect(shown.map((s) => s.seq)).toEqual(Array.from({ length: NAME.length }, (_, i) => i + 1));
    expect(shown.at(-1)?.value).toBe(NAME);
    // One ack covers many keystrokes (the default delay is a second), and none is ahead of the database.
    expect(acks.length).toBeLessThan(NAME.length / 2);
    const row = await draftRow(t, id);
    expect(row.seq).toBe(NAME.length);
    expect(row.values.child.fullName).toBe(NAME);
    ws.close();
    d.socket.close();
  });

  it('acks at once on sync, and only what is committed', async () => {
    const slow = await setupTestCase(kind, { env: { LIVE_ACK_DELAY_MS: '60000' } });
    try {
      const o = await slow.as('tiepnhan');
      const id = await openKhaiSinh(o, (await countersOf(o))[1]!);
      const ws = await TestSocket.officer(slow.baseUrl, o.token!);
      await ws.type('ready');
      for (let i = 1; i <= 3; i++) {
        ws.send({ t: 'patch', sessionId: id, seq: i, path: 'child.fullName', value: 'Hà'.slice(0, i) });
      }
      // With a minute's delay, nothing is acked by itself…
      await expect(ws.next((m) => m.t === 'ack', 400)).rejects.toThrow(/no matching message/);
      // …until the counter asks (before printing): then everything sent before the sync is acked.
      ws.send({ t: 'sync' });
      const ack = await ws.next((m) => m.t === 'ack', 3000);
      expect(ack.seq).toBe(3);
      expect((await draftRow(slow, id)).seq).toBe(3);
      ws.close();
    } finally {
      await slow.close();
    }
  });

  it('a display joining between a keystroke and its commit still gets that keystroke', async () => {
    const slow = await setupTestCase(kind, { env: { LIVE_GROUP_COMMIT_MS: '1500' } });
    try {
      const o = await slow.as('tiepnhan');
      const counterId = (await countersOf(o))[0]!;
      const d = await pairedDisplay(slow, o, counterId);
      const id = await openKhaiSinh(o, counterId);
      await d.socket.next((m) => m.t === 'snapshot' && m.session?.id === id);
      const ws = await TestSocket.officer(slow.baseUrl, o.token!);
      await ws.type('ready');
      ws.send({ t: 'patch', sessionId: id, seq: 1, path: 'child.fullName', value: 'Khôi' });
      await d.socket.next((m) => m.t === 'patch' && m.seq === 1);
      // The commit waits 1.5 s: the row still has nothing, but a display reconnecting now is shown the
      // keystroke in its snapshot (this process's copy of the draft).
      expect((await draftRow(slow, id)).seq).toBe(0);
      d.socket.close();
      const again = await TestSocket.display(slow.baseUrl, d.token);
      const snap = await again.type('snapshot');
      expect(snap.session.seq).toBe(1);
      expect(snap.session.values.child.fullName).toBe('Khôi');
      again.close();
      ws.close();
    } finally {
      await slow.close();
    }
  });

  it('continues a draft typed partly through another process (a reconnect that landed elsewhere)', async () => {
    const id = await openKhaiSinh(officer, counters[2]!);
    const other = await buildApp({ db: t.database.db, config: t.config, logger: false });
    await other.listen({ port: 0, host: '127.0.0.1' });
    const address = other.server.address();
    const otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const a = await TestSocket.officer(t.baseUrl, officer.token!);
      await a.type('ready');
      for (let i = 1; i <= 3; i++) {
        a.send({ t: 'patch', sessionId: id, seq: i, path: 'child.fullName', value: 'Khôi'.slice(0, i) });
      }
      a.send({ t: 'sync' });
      await a.next((m) => m.t === 'ack' && m.seq === 3);
      const b = await TestSocket.officer(otherUrl, officer.token!);
      await b.type('ready');
      b.send({ t: 'patch', sessionId: id, seq: 4, path: 'child.birthPlace', value: 'Bệnh viện Sa Đéc' });
      b.send({ t: 'sync' });
      await b.next((m) => m.t === 'ack' && m.seq === 4);
      // Back on the first process, whose memory still says seq 3: the write conflicts, the row is read
      // again and the keystroke applied on top of what the other process wrote.
      a.send({ t: 'patch', sessionId: id, seq: 5, path: 'child.fullName', value: 'Khôi' });
      a.send({ t: 'sync' });
      await a.next((m) => m.t === 'ack' && m.seq === 5);
      const row = await draftRow(t, id);
      expect(row.seq).toBe(5);
      expect(row.values.child).toEqual({ fullName: 'Khôi', birthPlace: 'Bệnh viện Sa Đéc' });
      a.close();
      b.close();
    } finally {
      await other.close();
    }
  });
});

describe.each(DB_KINDS)('the draft writer (%s)', (kind) => {
  let t: TestCase;
  beforeAll(async () => {
    t = await setupTestCase(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes a burst of one session’s keystrokes as one row, each waiter told it is saved', async () => {
    const officer = await t.as('tiepnhan');
    const id = await openKhaiSinh(officer, (await countersOf(officer))[0]!);
    const db = t.database.db;
    const writer = new DraftWriter(
      db.kysely,
      kind,
      db.sqlite ? { db: db.sqlite, file: db.sqliteFile } : undefined,
      undefined,
      50,
    );
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          writer.write({
            id,
            prevSeq: i,
            seq: i + 1,
            json: JSON.stringify({ child: { fullName: NAME.slice(0, i + 1) } }),
            focus: 'child.fullName',
          }),
        ),
      );
      expect(results).toEqual(Array(10).fill(true));
      expect(writer.stats).toEqual({ commits: 1, rows: 1 });
      const row = await draftRow(t, id);
      expect(row.seq).toBe(10);
      expect(row.values.child.fullName).toBe(NAME.slice(0, 10));
      // A write expecting a seq the row no longer has is refused, and says so.
      expect(await writer.write({ id, prevSeq: 3, seq: 11, json: '{}', focus: null })).toBe(false);
      expect((await draftRow(t, id)).seq).toBe(10);
    } finally {
      await writer.close();
    }
  });
});

describe('SQLite: drafts are committed by a worker thread next to the app’s own transactions', () => {
  let t: TestCase;
  beforeAll(async () => {
    t = await setupTestCase('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('takes the write lock when a transaction begins (so another connection never makes it fail)', async () => {
    const other = new SqliteDatabase(t.database.sqliteFile!, { timeout: 0 });
    try {
      await t.database.db.kysely.transaction().execute(async (trx) => {
        await trx.selectFrom('units').select('id').execute();
        expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
      });
      other.exec('BEGIN IMMEDIATE');
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });

  it('commits drafts off the main thread while the app reads and writes in its own transactions', async () => {
    const officer = await t.as('tiepnhan');
    const counters = await countersOf(officer);
    const ids = await Promise.all(counters.map((c) => openKhaiSinh(officer, c)));
    const db = t.database.db;
    const writer = new DraftWriter(db.kysely, 'sqlite', { db: db.sqlite!, file: db.sqliteFile });
    try {
      const seqs = new Map(ids.map((id) => [id, 0]));
      const drafts = (async () => {
        for (let round = 1; round <= 60; round++) {
          await Promise.all(
            ids.map((id) => {
              const prevSeq = seqs.get(id)!;
              seqs.set(id, round);
              const json = JSON.stringify({ child: { fullName: NAME.slice(0, round % NAME.length) } });
              return writer.write({ id, prevSeq, seq: round, json, focus: null }).then((ok) => {
                if (!ok) throw new Error(`draft ${id} round ${round} not written`);
              });
            }),
          );
        }
      })();
      // Meanwhile: transactions that read, then write (the pattern that fails with a deferred BEGIN).
      const app = (async () => {
        for (let i = 0; i < 40; i++) {
          await db.kysely.transaction().execute(async (trx) => {
            const s = await trx
              .selectFrom('live_sessions')
              .select(['id', 'label'])
              .where('id', '=', ids[0]!)
              .executeTakeFirstOrThrow();
            await trx
              .updateTable('live_sessions')
              .set({ label: `nhãn ${i}` })
              .where('id', '=', s.id)
              .execute();
          });
        }
      })();
      await Promise.all([drafts, app]);
      // Still the worker after 240 writes: it started, and no write fell back to this thread.
      expect(writer.mode).toBe('worker');
      const rows = await db.kysely.selectFrom('live_sessions').select(['id', 'seq', 'label']).execute();
      for (const id of ids) expect(rows.find((r) => r.id === id)?.seq).toBe(60);
      expect(rows.find((r) => r.id === ids[0])?.label).toBe('nhãn 39');
    } finally {
      await writer.close();
    }
  });
});
