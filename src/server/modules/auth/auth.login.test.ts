import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { MAX_FAILURES_PER_USERNAME } from './auth.service.ts';

describe.each(DB_KINDS)('login and sessions (%s)', (kind) => {
  let t: TestCase;
  beforeAll(async () => {
    t = await setupTestCase(kind);
  });
  afterAll(() => t.close());

  it('logs in with the right password and answers token, user and an HttpOnly SameSite cookie', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'tiepnhan', password: 'khongviet' });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[\w-]{40,}$/);
    expect(res.body.user).toMatchObject({
      username: 'tiepnhan',
      role: 'officer',
      fullName: 'Nguyễn Thị Thu Hà',
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/kv_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('accepts the bearer token on /api/auth/me and refuses it after logout', async () => {
    const client = await t.as('xuly');
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('xuly');
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    const after = await client.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/đăng nhập/);
  });

  it('answers 401 in Vietnamese for a wrong password and for an unknown user, without saying which', async () => {
    const wrong = await t
      .anonymous()
      .post('/api/auth/login', { username: 'lanhdao', password: 'sai-mat-khau' });
    const unknown = await t.anonymous().post('/api/auth/login', { username: 'khongtontai', password: 'x' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('answers 422 naming the field when the username is missing', async () => {
    const res = await t.anonymous().post('/api/auth/login', { password: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.field).toBe('username');
    expect(res.body.message).toMatch(/tên đăng nhập/i);
  });

  it('rate-limits repeated failures for one username, even with the right password afterwards', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME; i++) {
      const r = await t
        .anonymous()
        .post('/api/auth/login', { username: 'tiepnhan.tanduong', password: `sai${i}` });
      expect(r.status).toBe(401);
    }
    const blocked = await t
      .anonymous()
      .post('/api/auth/login', { username: 'tiepnhan.tanduong', password: 'khongviet' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/thử lại/);
  });

  it('rate-limits by address across usernames', async () => {
    const limited = await setupTestCase(kind);
    try {
      let last = 0;
      for (let i = 0; i < 25; i++) {
        last = (await limited.anonymous().post('/api/auth/login', { username: `nguoi${i}`, password: 'x' }))
          .status;
      }
      expect(last).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('answers 401 for the token of an account that was deleted', async () => {
    const admin = await t.as('quantri');
    const created = await admin.post('/api/users', {
      username: 'tam.thoi',
      fullName: 'Người Tạm Thời',
      password: 'matkhau123',
      role: 'officer',
      unitIds: [2],
    });
    expect(created.status).toBe(201);
    const temp = await t.as('tam.thoi', 'matkhau123');
    expect((await temp.get('/api/auth/me')).status).toBe(200);
    expect((await admin.delete(`/api/users/${created.body.id}`)).status).toBe(200);
    const after = await temp.get('/api/units');
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/đăng nhập/);
  });

  it('keeps sessions in the database, so a second server on the same database accepts the token', async () => {
    const { buildApp } = await import('../../app.ts');
    const { openDb } = await import('../../db/database.ts');
    const db2 =
      kind === 'postgres'
        ? openDb({ databaseUrl: t.database.databaseUrl, pgSchema: t.database.pgSchema, poolSize: 2 })
        : openDb({ sqliteFile: t.database.sqliteFile! });
    const app2 = await buildApp({ db: db2, config: t.config });
    try {
      const client = await t.as('lanhdao');
      const res = await app2.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${client.token}` },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await app2.close();
      await db2.close();
    }
  });
});
