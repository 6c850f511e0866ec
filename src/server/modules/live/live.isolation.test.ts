import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { TestSocket } from './live.test-client.ts';
import { countersOf, openKhaiSinh, pairedDisplay } from './live.test-fixtures.ts';

describe.each(DB_KINDS)('a display sees only the current session of its own counter (%s)', (kind) => {
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

  it('never sends counter 2’s typing to counter 1’s display, nor lets it ask for it', async () => {
    const d1 = await pairedDisplay(t, officer, counters[0]!);
    const d2 = await pairedDisplay(t, officer, counters[1]!);
    const s1 = await openKhaiSinh(officer, counters[0]!);
    const s2 = await openKhaiSinh(officer, counters[1]!);
    expect((await d1.socket.type('snapshot')).session.id).toBe(s1);
    expect((await d2.socket.type('snapshot')).session.id).toBe(s2);

    const ws = await TestSocket.officer(t.baseUrl, officer.token!);
    await ws.type('ready');
    ws.send({
      t: 'patch',
      sessionId: s2,
      seq: 1,
      path: 'child.fullName',
      value: 'Bí Mật Quầy Hai',
      focus: 'child.fullName',
    });
    ws.send({
      t: 'patch',
      sessionId: s1,
      seq: 1,
      path: 'child.fullName',
      value: 'Quầy Một',
      focus: 'child.fullName',
    });
    await ws.next((m) => m.t === 'ack' && m.sessionId === s1);
    expect((await d2.socket.type('patch')).value).toBe('Bí Mật Quầy Hai');
    expect((await d1.socket.type('patch')).value).toBe('Quầy Một');
    expect(JSON.stringify(d1.socket.messages)).not.toContain('Bí Mật');

    // Over HTTP the display gets its own counter's state, whatever it asks for.
    const hdr = { 'x-display-token': d1.token };
    const state = await t
      .anonymous()
      .request('GET', `/api/live/display/state?counterId=${counters[1]}`, undefined, hdr);
    expect(state.status).toBe(200);
    expect(state.body.session.id).toBe(s1);
    expect(JSON.stringify(state.body)).not.toContain('Bí Mật');
    // The officers' endpoints do not know a display token at all.
    for (const path of [
      `/api/live/sessions/${s2}`,
      `/api/live/sessions?counterId=${counters[1]}`,
      `/api/live/counters/${counters[1]}/state`,
    ]) {
      const r = await t.anonymous().request('GET', path, undefined, hdr);
      expect(r.status).toBe(401);
      expect(JSON.stringify(r.body)).not.toContain('Bí Mật');
    }
    const asBearer = await t
      .anonymous()
      .request('GET', `/api/live/sessions/${s2}`, undefined, { authorization: `Bearer ${d1.token}` });
    expect(asBearer.status).toBe(401);

    // On the socket, asking for anything closes the connection.
    d1.socket.send({ t: 'subscribe', counterId: counters[1], sessionId: s2 });
    expect((await d1.socket.waitClosed()).code).toBe(4400);
    ws.close();
    d2.socket.close();
  });

  it('does not show a session the counter is not showing (a citizen who stepped out)', async () => {
    const d = await pairedDisplay(t, officer, counters[2]!);
    const away = await openKhaiSinh(officer, counters[2]!);
    await d.socket.type('snapshot');
    const current = await openKhaiSinh(officer, counters[2]!);
    expect((await d.socket.type('snapshot')).session.id).toBe(current);
    const ws = await TestSocket.officer(t.baseUrl, officer.token!);
    await ws.type('ready');
    ws.send({ t: 'patch', sessionId: away, seq: 1, path: 'child.fullName', value: 'Người Vắng Mặt' });
    ws.send({ t: 'patch', sessionId: current, seq: 1, path: 'child.fullName', value: 'Người Đang Ngồi' });
    expect((await d.socket.type('patch')).value).toBe('Người Đang Ngồi');
    await ws.next((m) => m.t === 'ack' && m.sessionId === current);
    expect(JSON.stringify(d.socket.messages)).not.toContain('Vắng');
    // Switching back shows that session's own draft.
    await officer.post(`/api/live/sessions/${away}/show`);
    const snap = await d.socket.type('snapshot');
    expect(snap.session.values.child.fullName).toBe('Người Vắng Mặt');
    ws.close();
    d.socket.close();
  });

  it("does not let another officer read or type into an officer's session", async () => {
    const s = await openKhaiSinh(officer, counters[0]!);
    const admin = await t.as('quantri');
    const other = await t.as('tiepnhan.tanduong');
    for (const c of [admin, other]) {
      expect((await c.get(`/api/live/sessions/${s}`)).status).toBe(404);
      const r = await c.post(`/api/live/sessions/${s}/patches`, {
        patches: [{ seq: 1, path: 'child.fullName', value: 'X' }],
      });
      expect(r.status).toBe(404);
    }
    const ws = await TestSocket.officer(t.baseUrl, other.token!);
    await ws.type('ready');
    ws.send({ t: 'patch', sessionId: s, seq: 1, path: 'child.fullName', value: 'X' });
    expect((await ws.type('nack')).message).toBe('Không tìm thấy phiên tiếp nhận');
    ws.close();
  });

  it('refuses a cookie-authenticated officer socket opened from another site', async () => {
    const login = await t
      .anonymous()
      .post('/api/auth/login', { username: 'tiepnhan', password: 'khongviet' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const evil = await TestSocket.open(t.baseUrl, 'officer', { cookie, origin: 'https://evil.example' });
    expect((await evil.waitClosed()).code).toBe(4401);
    const good = await TestSocket.open(t.baseUrl, 'officer', { cookie, origin: t.baseUrl });
    await good.type('ready');
    good.close();
  });
});
