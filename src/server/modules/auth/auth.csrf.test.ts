import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';

describe.each(DB_KINDS)('CSRF protection of cookie sessions (%s)', (kind) => {
  let t: TestCase;
  let browser: ApiClient;
  let csrf: string;
  beforeAll(async () => {
    t = await setupTestCase(kind);
    browser = new ApiClient(t.baseUrl);
    const res = await browser.post('/api/auth/login', { username: 'quantri', password: 'khongviet' });
    browser.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    csrf = res.body.csrfToken;
  });
  afterAll(() => t.close());

  it('lets a cookie session read without a CSRF token', async () => {
    const res = await browser.get('/api/auth/me');
    expect(res.status).toBe(200);
    expect(res.body.csrfToken).toBe(csrf);
  });

  it('refuses a cookie-authenticated change without the CSRF header and writes nothing', async () => {
    const res = await browser.post('/api/units', {
      name: 'Xã Giả Mạo',
      kind: 'commune',
      agencyCode: '000.00.99.H18',
      parentId: 1,
    });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/CSRF/);
    const units = await browser.get('/api/units');
    expect(units.body.some((u: { name: string }) => u.name === 'Xã Giả Mạo')).toBe(false);
  });

  it('refuses a wrong CSRF token', async () => {
    const res = await browser.request(
      'POST',
      '/api/units',
      { name: 'Xã A', kind: 'commune', agencyCode: '000.00.98.H18', parentId: 1 },
      { 'x-csrf-token': 'wrong' },
    );
    expect(res.status).toBe(403);
  });

  it('accepts a cookie-authenticated change with the right CSRF header', async () => {
    const res = await browser.request(
      'POST',
      '/api/units',
      { name: 'Xã Tân Khánh Trung', kind: 'commune', agencyCode: '000.00.97.H18', parentId: 1 },
      { 'x-csrf-token': csrf },
    );
    expect(res.status).toBe(201);
  });

  it('does not ask bearer-token clients for a CSRF token', async () => {
    const api = await t.as('quantri');
    const res = await api.post('/api/units', {
      name: 'Xã Mỹ An Hưng',
      kind: 'commune',
      agencyCode: '000.00.96.H18',
      parentId: 1,
    });
    expect(res.status).toBe(201);
  });
});
