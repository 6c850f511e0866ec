import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../test/samples.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { findPersonBlocks } from './person-blocks.ts';

describe('finding a person in earlier values', () => {
  it('finds every block holding the ID number, with its path', () => {
    const found = findPersonBlocks(sampleValues('ho-tich', 'khai-sinh'), '087195001234');
    expect(found.map((f) => f.path)).toEqual(['requester', 'mother']);
    expect(found[1]!.values).toMatchObject({
      fullName: 'Nguyễn Thị Thu Hà',
      birthDate: '12/03/1995',
      ethnicity: 'Kinh',
    });
  });
});

describe.each(DB_KINDS)('returning citizens (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
    const res = await officer.post('/api/dossiers', {
      procedureCode: '1.001193',
      values: sampleValues('ho-tich', 'khai-sinh'),
    });
    expect(res.status).toBe(201);
  });
  afterAll(() => t.close());

  it("offers the father's earlier values, normalised, from the officer's own unit", async () => {
    const res = await officer.get('/api/citizens/087093004567/prefill');
    expect(res.status).toBe(200);
    expect(res.body.candidates).toHaveLength(1);
    expect(res.body.candidates[0]).toMatchObject({
      path: 'father',
      values: { fullName: 'Trần Quốc Bảo', birthDate: '1993' },
    });
  });

  it('offers nothing from a unit the caller cannot see', async () => {
    const other = await t.as('tiepnhan.tanduong');
    const res = await other.get('/api/citizens/087093004567/prefill');
    expect(res.body.candidates).toEqual([]);
  });

  it('logs each lookup as an access to personal data that an administrator can read back', async () => {
    await officer.get('/api/citizens/087195001234/prefill');
    const admin = await t.as('quantri');
    const log = await admin.get('/api/citizens/087195001234/access-log');
    expect(log.status).toBe(200);
    expect(log.body[0]).toMatchObject({ username: 'tiepnhan', data: { purpose: 'prefill' } });
    expect((await officer.get('/api/citizens/087195001234/access-log')).status).toBe(403);
  });

  it('refuses a malformed ID number with 422 naming the field', async () => {
    const res = await officer.get('/api/citizens/12345/prefill');
    expect(res.status).toBe(422);
    expect(res.body.field).toBe('idNumber');
    expect(res.body.message).toMatch(/12 chữ số/);
  });
});
