import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { sweepLive } from './live.service.ts';
import { TestSocket } from './live.test-client.ts';
import { countersOf, openKhaiSinh, pairedDisplay } from './live.test-fixtures.ts';

const NAME = 'Trần Minh Khôi';

describe.each(DB_KINDS)('drafts: every acknowledged keystroke is kept (%s)', (kind) => {
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

  it('saves each patch before acking it, ignores replays, and a new server process reads it back', async () => {
    const id = await openKhaiSinh(officer, counters[0]!);
    const ws = await TestSocket.officer(t.baseUrl, officer.token!);
    await ws.type('ready');
    let seq = 0;
    for (let i = 1; i <= NAME.length; i++) {
      seq++;
      ws.send({
        t: 'patch',
        sessionId: id,
        seq,
        path: 'child.fullName',
        value: NAME.slice(0, i),
        focus: 'child.fullName',
      });
    }
    seq++;
    ws.send({
      t: 'patch',
      sessionId: id,
      seq,
      path: 'mother.identity.number',
      value: '087195001234',
      focus: 'mother.identity',
    });
    await ws.next((m) => m.t === 'ack' && m.seq === seq);
    // A replay of an already-applied seq (the counter re-sending after a reload) changes nothing.
    ws.send({ t: 'patch', sessionId: id, seq: 3, path: 'child.fullName', value: 'Tr' });
    expect((await ws.next((m) => m.t === 'ack' && m.seq === 3)).seq).toBe(3);
    ws.close();

    // Another app instance on the same database (a restart) has nothing in memory and must read the draft.
    const second = await buildApp({ db: t.database.db, config: t.config, logger: false });
    try {
      const res = await second.inject({
        method: 'GET',
        url: `/api/live/sessions/${id}`,
        headers: { authorization: `Bearer ${officer.token}` },
      });
      const body = res.json();
      expect(body.values.child.fullName).toBe(NAME);
      expect(body.values.mother.identity.number).toBe('087195001234');
      expect(body.focus).toBe('mother.identity');
      expect(body.seq).toBe(seq);
    } finally {
      await second.close();
    }
  });

  it('accepts patches over HTTP too (the counter replaying its IndexedDB without a socket)', async () => {
    const id = await openKhaiSinh(officer, counters[1]!);
    const r = await officer.post(`/api/live/sessions/${id}/patches`, {
      patches: [
        { seq: 1, path: 'child.birthDate', value: '02/06/2025' },
        { seq: 2, path: 'madeAt.place', value: 'Sa Đéc', focus: 'madeAt' },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.seq).toBe(2);
    const s = await officer.get(`/api/live/sessions/${id}`);
    expect(s.body.values).toEqual({ child: { birthDate: '02/06/2025' }, madeAt: { place: 'Sa Đéc' } });
    const bad = await officer.post(`/api/live/sessions/${id}/patches`, {
      patches: [{ seq: 3, path: 'secret.field', value: 'x' }],
    });
    expect(bad.status).toBe(422);
    const proto = await officer.post(`/api/live/sessions/${id}/patches`, {
      patches: [{ seq: 3, path: '__proto__.x', value: 'x' }],
    });
    expect(proto.status).toBe(422);
  });

  it('clears the display at once when the session ends, keeps the draft, and records the events', async () => {
    const d = await pairedDisplay(t, officer, counters[2]!);
    const id = await openKhaiSinh(officer, counters[2]!);
    await d.socket.type('snapshot');
    await officer.post(`/api/live/sessions/${id}/patches`, {
      patches: [{ seq: 1, path: 'child.fullName', value: NAME }],
    });
    await d.socket.type('patch');
    expect((await officer.post(`/api/live/sessions/${id}/review`, { on: true })).status).toBe(200);
    expect((await d.socket.type('review')).on).toBe(true);
    const confirmed = await officer.post(`/api/live/sessions/${id}/confirm`);
    expect(confirmed.body.confirmedAt).toBeTruthy();
    const closed = await officer.post(`/api/live/sessions/${id}/close`);
    expect(closed.body.status).toBe('closed');
    await d.socket.type('idle');
    const snap = await d.socket.next((m) => m.t === 'snapshot' && m.session === null);
    expect(JSON.stringify(snap)).not.toContain(NAME);
    // Typing into a closed session is refused; the draft stays readable by its officer.
    const late = await officer.post(`/api/live/sessions/${id}/patches`, {
      patches: [{ seq: 2, path: 'child.fullName', value: 'X' }],
    });
    expect(late.status).toBe(409);
    expect((await officer.get(`/api/live/sessions/${id}`)).body.values.child.fullName).toBe(NAME);
    const events = await t.database.db.kysely
      .selectFrom('events')
      .select('action')
      .where('entity_type', '=', 'live_session')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['open', 'review_start', 'citizen_confirmed', 'close']);
    d.socket.close();
  });

  it('removes drafts of sessions closed longer ago than the retention, and only those', async () => {
    const db = t.database.db.kysely;
    const oldClosed = await openKhaiSinh(officer, counters[0]!);
    const recentClosed = await openKhaiSinh(officer, counters[0]!);
    const stillOpen = await openKhaiSinh(officer, counters[0]!);
    await officer.post(`/api/live/sessions/${oldClosed}/close`);
    await officer.post(`/api/live/sessions/${recentClosed}/close`);
    await db
      .updateTable('live_sessions')
      .set({ closed_at: new Date(Date.now() - 31 * 86_400_000).toISOString() })
      .where('id', '=', oldClosed)
      .execute();
    await db
      .updateTable('live_sessions')
      .set({ created_at: new Date(Date.now() - 90 * 86_400_000).toISOString() })
      .where('id', '=', stillOpen)
      .execute();
    const removed = await sweepLive(db, 30);
    expect(removed).toBeGreaterThanOrEqual(1);
    const left = (await db.selectFrom('live_sessions').select('id').execute()).map((r) => r.id);
    expect(left).not.toContain(oldClosed);
    expect(left).toContain(recentClosed);
    expect(left).toContain(stillOpen);
  });

  it('prints the PDF with the number of copies, allows reprints, and logs every print', async () => {
    const id = await openKhaiSinh(officer, counters[1]!);
    await officer.post(`/api/live/sessions/${id}/patches`, {
      patches: [{ seq: 1, path: 'child.fullName', value: NAME }],
    });
    const refused = await officer.request('POST', `/api/live/sessions/${id}/print`, { copies: 1 });
    expect(refused.status).toBe(422);
    const res = await fetch(`${t.baseUrl}/api/live/sessions/${id}/print`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ copies: 2, draft: true }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'kv-print-'));
    writeFileSync(join(dir, 'a.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    expect(text.match(/TRẦN MINH KHÔI|Trần Minh Khôi/g)?.length).toBeGreaterThanOrEqual(2);
    const again = await officer.request('POST', `/api/live/sessions/${id}/print`, { copies: 1, draft: true });
    expect(again.status).toBe(200);
    const events = await t.database.db.kysely
      .selectFrom('events')
      .select(['action', 'data'])
      .where('entity_type', '=', 'live_session')
      .where('entity_id', '=', id)
      .where('action', 'in', ['print', 'reprint'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.action, JSON.parse(e.data ?? '{}').copies])).toEqual([
      ['print', 2],
      ['reprint', 1],
    ]);
  });
});
