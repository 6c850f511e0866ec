import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../core/live/live-messages.ts';
import { buildApp } from '../../app.ts';
import { DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { TestSocket } from './live.test-client.ts';

describe.each(DB_KINDS)('an officer’s live socket ends with his login (%s)', (kind) => {
  let t: TestCase;
  beforeAll(async () => {
    t = await setupTestCase(kind, { env: { LIVE_SESSION_RECHECK_MS: '300' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is closed at once by a logout, and the token no longer opens a socket', async () => {
    const officer = await t.as('tiepnhan');
    const other = await t.as('tiepnhan');
    const ws = await TestSocket.officer(t.baseUrl, officer.token!);
    const stays = await TestSocket.officer(t.baseUrl, other.token!);
    await ws.type('ready');
    await stays.type('ready');
    expect((await officer.post('/api/auth/logout')).status).toBe(200);
    expect((await ws.waitClosed(1000)).code).toBe(CLOSE_CODES.unauthorized);
    // Another login of the same officer (another PC) is not affected.
    stays.send({ t: 'ping' });
    await stays.type('pong');
    stays.close();
    // The ended token opens no socket: closed with the code that tells the counter to stop retrying.
    const again = await TestSocket.officer(t.baseUrl, officer.token!);
    expect((await again.waitClosed()).code).toBe(CLOSE_CODES.unauthorized);
  });

  it('is closed when an administrator locks the account', async () => {
    const admin = await t.as('quantri');
    const officer = await t.as('tiepnhan.tanduong');
    const ws = await TestSocket.officer(t.baseUrl, officer.token!);
    await ws.type('ready');
    const users = await admin.get<{ id: number; username: string }[]>('/api/users');
    const id = users.body.find((u) => u.username === 'tiepnhan.tanduong')!.id;
    expect((await admin.request('PATCH', `/api/users/${id}`, { active: false })).status).toBe(200);
    expect((await ws.waitClosed(1000)).code).toBe(CLOSE_CODES.unauthorized);
    await admin.request('PATCH', `/api/users/${id}`, { active: true });
  });

  it('is closed by its own check when the logout went through another process', async () => {
    const officer = await t.as('tiepnhan');
    const ws = await TestSocket.officer(t.baseUrl, officer.token!);
    await ws.type('ready');
    const second = await buildApp({ db: t.database.db, config: t.config, logger: false });
    try {
      const res = await second.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { authorization: `Bearer ${officer.token}` },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await second.close();
    }
    expect((await ws.waitClosed(3000)).code).toBe(CLOSE_CODES.unauthorized);
  });
});
