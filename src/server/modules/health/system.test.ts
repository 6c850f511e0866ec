import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';

describe.each(DB_KINDS)('system endpoints and boundaries (%s)', (kind) => {
  let t: TestCase;
  beforeAll(async () => {
    t = await setupTestCase(kind);
  });
  afterAll(() => t.close());

  it('reports health with the database kind and version', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: kind,
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
  });

  it('serves the OpenAPI document listing the routes', async () => {
    const res = await t.anonymous().get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/units', '/api/dossiers']),
    );
  });

  it('sends security headers, CSP included', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('refuses an oversized body with 413 in Vietnamese', async () => {
    const res = await t
      .anonymous()
      .post('/api/auth/login', { username: 'a'.repeat(3 * 1024 * 1024), password: 'x' });
    expect(res.status).toBe(413);
    expect(res.body.message).toBe('Dữ liệu gửi lên quá lớn');
  });

  it('refuses malformed JSON with 400 in Vietnamese, never 500', async () => {
    const res = await t
      .anonymous()
      .request('POST', '/api/auth/login', '{"username": ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Dữ liệu JSON không hợp lệ');
  });

  it('answers an unknown API path with a Vietnamese 404', async () => {
    const res = await t.anonymous().get('/api/khong-co');
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/Không tìm thấy/);
  });

  it('keeps the event log append-only', async () => {
    const db = t.database.db.kysely;
    const row = await db.selectFrom('events').select('id').executeTakeFirstOrThrow();
    await expect(
      db.updateTable('events').set({ action: 'x' }).where('id', '=', row.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('events').where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);
  });
});
