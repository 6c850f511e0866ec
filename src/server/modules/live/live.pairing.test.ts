import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { MAX_PAIR_FAILURES } from './live.pairing.ts';
import { TestSocket } from './live.test-client.ts';
import { countersOf, openKhaiSinh, pairedDisplay } from './live.test-fixtures.ts';

describe.each(DB_KINDS)('pairing a citizen display with a counter (%s)', (kind) => {
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

  it('gives a new display a 6-character code without ambiguous letters, valid for 5 minutes', async () => {
    const r = await t.anonymous().post('/api/live/displays');
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    const ttl = Date.parse(r.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(4.5 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000);
    expect(r.body.token.length).toBeGreaterThanOrEqual(40);
    const state = await t
      .anonymous()
      .request('GET', '/api/live/display/state', undefined, { 'x-display-token': r.body.token });
    expect(state.body).toMatchObject({ paired: false, code: r.body.code });
  });

  it('pairs by code typed at the counter, in lower case with a dash, and sends the display its counter', async () => {
    const created = await t.anonymous().post('/api/live/displays');
    const socket = await TestSocket.display(t.baseUrl, created.body.token);
    const pairing = await socket.type('pairing');
    expect(pairing.code).toBe(created.body.code);
    const typed = `${created.body.code.slice(0, 3)}-${created.body.code.slice(3)}`.toLowerCase();
    const r = await officer.post('/api/live/pair', { counterId: counters[0], code: typed });
    expect(r.status).toBe(200);
    expect(r.body.counterId).toBe(counters[0]);
    const snap = await socket.type('snapshot');
    expect(snap.unitName).toBe('UBND Phường Sa Đéc');
    expect(snap.session).toBeNull();
    // A code is single-use.
    const again = await officer.post('/api/live/pair', { counterId: counters[1], code: created.body.code });
    expect(again.status).toBe(422);
    socket.close();
  });

  it('refuses an expired code', async () => {
    const created = await t.anonymous().post('/api/live/displays');
    await t.database.db.kysely
      .updateTable('live_displays')
      .set({ pair_code_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', created.body.displayId)
      .execute();
    const r = await officer.post('/api/live/pair', { counterId: counters[0], code: created.body.code });
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('Mã ghép nối không đúng hoặc đã hết hạn');
  });

  it("refuses an officer who cannot see the counter's unit", async () => {
    const other = await t.as('tiepnhan.tanduong');
    const created = await t.anonymous().post('/api/live/displays');
    const r = await other.post('/api/live/pair', { counterId: counters[0], code: created.body.code });
    expect(r.status).toBe(404);
    const processor = await t.as('xuly');
    expect(
      (await processor.post('/api/live/pair', { counterId: counters[0], code: created.body.code })).status,
    ).toBe(403);
  });

  it('keeps a pairing across reconnects (the TV rebooting) with its stored token', async () => {
    const { token, socket } = await pairedDisplay(t, officer, counters[1]!);
    socket.close();
    await socket.waitClosed();
    const sessionId = await openKhaiSinh(officer, counters[1]!);
    const again = await TestSocket.display(t.baseUrl, token);
    const snap = await again.type('snapshot');
    expect(snap.session.id).toBe(sessionId);
    expect(snap.template.id).toBe('khai-sinh');
    await officer.post(`/api/live/sessions/${sessionId}/close`);
    again.close();
  });

  it('revokes a display: its socket closes at once and its token stops working', async () => {
    const { token, displayId, socket } = await pairedDisplay(t, officer, counters[2]!);
    const r = await officer.post(`/api/live/displays/${displayId}/revoke`);
    expect(r.status).toBe(200);
    expect((await socket.waitClosed()).code).toBe(4403);
    const state = await t
      .anonymous()
      .request('GET', '/api/live/display/state', undefined, { 'x-display-token': token });
    expect(state.status).toBe(401);
    const again = await TestSocket.display(t.baseUrl, token);
    expect((await again.waitClosed()).code).toBe(4401);
    const ev = await t.database.db.kysely
      .selectFrom('events')
      .select(['action'])
      .where('entity_type', '=', 'live_display')
      .where('entity_id', '=', String(displayId))
      .execute();
    expect(ev.map((e) => e.action)).toEqual(['pair', 'revoke']);
  });

  it('lets only an admin issue a kiosk link, which works at once and survives reconnects', async () => {
    const denied = await officer.post('/api/live/kiosk', { counterId: counters[0] });
    expect(denied.status).toBe(403);
    const admin = await t.as('quantri');
    const r = await admin.post('/api/live/kiosk', { counterId: counters[0], label: 'TV quầy 1' });
    expect(r.status).toBe(201);
    expect(r.body.path).toBe(`/display#k=${r.body.token}`);
    for (let i = 0; i < 2; i++) {
      const s = await TestSocket.display(t.baseUrl, r.body.token);
      expect((await s.type('snapshot')).counterName).toBeTruthy();
      s.close();
      await s.waitClosed();
    }
  });

  it('limits wrong codes per officer, in the database so that every process counts them', async () => {
    const created = await t.anonymous().post('/api/live/displays');
    const lead = await t.as('quantri');
    const tanDuong = await countersOf(lead, '000.00.30.H18');
    for (let i = 0; i < MAX_PAIR_FAILURES; i++) {
      const r = await lead.post('/api/live/pair', { counterId: tanDuong[0], code: 'AAAAAA' });
      expect(r.status).toBe(422);
    }
    const blocked = await lead.post('/api/live/pair', { counterId: counters[1], code: created.body.code });
    expect(blocked.status).toBe(429);
    // A second app process on the same database refuses too (nothing kept only in one process's memory).
    const second = await buildApp({ db: t.database.db, config: t.config, logger: false });
    try {
      const res = await second.inject({
        method: 'POST',
        url: '/api/live/pair',
        headers: { authorization: `Bearer ${lead.token}`, 'content-type': 'application/json' },
        payload: { counterId: counters[2], code: created.body.code },
      });
      expect(res.statusCode).toBe(429);
    } finally {
      await second.close();
    }
    // The counter where the guesses were typed is locked for everyone.
    const local = await t.as('tiepnhan.tanduong');
    const atCounter = await local.post('/api/live/pair', { counterId: tanDuong[0], code: created.body.code });
    expect(atCounter.status).toBe(429);
  });
});
