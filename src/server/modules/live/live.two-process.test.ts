import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../../test/e2e/harness.ts';
import { ApiClient } from '../../test/setup-test-case.ts';
import { TestSocket } from './live.test-client.ts';
import { countersOf } from './live.test-fixtures.ts';

const url = process.env.TEST_DATABASE_URL;

/** Two real server processes on one PostgreSQL schema: the officer on one, the display on the other. */
describe.runIf(url)('two app processes on one PostgreSQL database (LISTEN/NOTIFY fan-out)', () => {
  // A database of its own (not a schema): the server's migrator looks for its tables across schemas.
  const dbName = `kv_t2p_${process.pid}_${Date.now().toString(36)}`;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(url!);
    u.pathname = `/${dbName}`;
    const env = { DATABASE_URL: u.toString(), SKIP_WEB_BUILD: '1' };
    // One after the other: the first one migrates and seeds the demo data. A commits drafts slowly, so that
    // a display joining on B between a keystroke and its commit can be tested.
    a = await startServer({ ...env, LIVE_GROUP_COMMIT_MS: '1500' });
    b = await startServer(env);
  }, 120_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('pairs, shows, types and clears across processes', { timeout: 60_000 }, async () => {
    const officer = new ApiClient(a.baseUrl);
    const login = await officer.post<{ token: string }>('/api/auth/login', {
      username: 'tiepnhan',
      password: 'khongviet',
    });
    officer.token = login.body.token;
    const [counterId] = await countersOf(officer);

    // The display registers and listens on process B; the officer pairs it on process A.
    const created = await new ApiClient(b.baseUrl).post('/api/live/displays');
    const display = await TestSocket.display(b.baseUrl, created.body.token);
    await display.type('pairing');
    expect((await officer.post('/api/live/pair', { counterId, code: created.body.code })).status).toBe(200);
    expect((await display.type('snapshot')).session).toBeNull();

    const opened = await officer.post('/api/live/sessions', { counterId, templateId: 'khai-sinh' });
    expect(opened.status).toBe(201);
    const sid = opened.body.id;
    expect((await display.next((m) => m.t === 'snapshot' && m.session?.id === sid)).template.id).toBe(
      'khai-sinh',
    );

    const ws = await TestSocket.officer(a.baseUrl, officer.token!);
    await ws.type('ready');
    const name = 'Trần Minh Khôi';
    for (let i = 1; i <= name.length; i++) {
      ws.send({
        t: 'patch',
        sessionId: sid,
        seq: i,
        path: 'child.fullName',
        value: name.slice(0, i),
        focus: 'child.fullName',
      });
    }
    const seen: string[] = [];
    while (seen.length < name.length) seen.push((await display.type('patch')).value);
    expect(seen).toEqual([...name].map((_, i) => name.slice(0, i + 1)));

    // Once saved (acked), the display on B reconnecting catches up from the database.
    ws.send({ t: 'sync' });
    await ws.next((m) => m.t === 'ack' && m.seq === name.length);
    display.close();
    const again = await TestSocket.display(b.baseUrl, created.body.token);
    expect((await again.type('snapshot')).session.values.child.fullName).toBe(name);

    await officer.post(`/api/live/sessions/${sid}/close`);
    await again.type('idle');
    await officer.post(`/api/live/displays/${created.body.displayId}/revoke`);
    expect((await again.waitClosed()).code).toBe(4403);
    ws.close();
  });

  it('a display joining on the other process between a keystroke and its commit gets that keystroke', async () => {
    const officer = new ApiClient(a.baseUrl);
    const login = await officer.post<{ token: string }>('/api/auth/login', {
      username: 'tiepnhan',
      password: 'khongviet',
    });
    officer.token = login.body.token;
    const counterId = (await countersOf(officer))[1]!;
    const created = await new ApiClient(b.baseUrl).post('/api/live/displays');
    const display = await TestSocket.display(b.baseUrl, created.body.token);
    await display.type('pairing');
    expect((await officer.post('/api/live/pair', { counterId, code: created.body.code })).status).toBe(200);
    const sid = (await officer.post('/api/live/sessions', { counterId, templateId: 'khai-sinh' })).body.id;
    await display.next((m) => m.t === 'snapshot' && m.session?.id === sid);
    const ws = await TestSocket.officer(a.baseUrl, officer.token!);
    await ws.type('ready');
    ws.send({ t: 'patch', sessionId: sid, seq: 1, path: 'child.fullName', value: 'Khôi' });
    await display.next((m) => m.t === 'patch' && m.seq === 1);
    // A commits 1.5 s later: B reads a snapshot without the keystroke, then sends it.
    display.close();
    const again = await TestSocket.display(b.baseUrl, created.body.token);
    expect((await again.type('snapshot')).session.seq).toBe(0);
    expect(await again.next((m) => m.t === 'patch', 1000)).toMatchObject({ seq: 1, value: 'Khôi' });
    again.close();
    ws.close();
  });
});
