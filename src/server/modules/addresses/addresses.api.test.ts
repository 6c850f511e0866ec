import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { countCatalogue } from './addresses.repo.ts';
import { PUBLIC_SEARCH_LIMIT } from './addresses.routes.ts';

describe.each(DB_KINDS)('the address catalogue in the database (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
  });
  afterAll(() => t.close());

  it('is loaded at migration: 34 provinces, 3,321 communes, 10,977 old-to-new rows', async () => {
    expect(await countCatalogue(t.database.db.kysely)).toEqual({
      provinces: 34,
      communes: 3321,
      mappings: 10977,
    });
  });

  it('maps Sa Đéc’s old Phường An Hoà and Xã Tân Khánh Đông to Phường Sa Đéc, code 29905', async () => {
    const rows = await t.database.db.kysely
      .selectFrom('address_mappings')
      .innerJoin('address_communes', 'address_communes.code', 'address_mappings.new_commune_code')
      .select(['old_commune', 'old_district', 'new_commune_code', 'address_communes.name'])
      .where('old_commune_folded', 'in', ['phuong an hoa', 'xa tan khanh dong'])
      .where('old_district_folded', '=', 'thanh pho sa dec')
      .orderBy('old_commune')
      .execute();
    expect(rows).toEqual([
      {
        old_commune: 'Phường An Hoà',
        old_district: 'Thành phố Sa Đéc',
        new_commune_code: '29905',
        name: 'Phường Sa Đéc',
      },
      {
        old_commune: 'Xã Tân Khánh Đông',
        old_district: 'Thành phố Sa Đéc',
        new_commune_code: '29905',
        name: 'Phường Sa Đéc',
      },
    ]);
  });

  it('keeps folded names for search beside the printed ones', async () => {
    const row = await t.database.db.kysely
      .selectFrom('address_communes')
      .selectAll()
      .where('code', '=', '29905')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      code: '29905',
      name: 'Phường Sa Đéc',
      province_code: '82',
      name_folded: 'phuong sa dec',
    });
  });

  it('suggests Phường Sa Đéc, Đồng Tháp for "sa dec"', async () => {
    const res = await officer.get('/api/addresses/search?q=sa%20dec');
    expect(res.status).toBe(200);
    expect(res.body[0]).toEqual({
      commune: { code: '29905', name: 'Phường Sa Đéc' },
      province: { code: '82', name: 'Tỉnh Đồng Tháp' },
      label: 'Phường Sa Đéc, Đồng Tháp',
    });
  });

  it('answers at most 20 suggestions, and none for an empty query', async () => {
    expect((await officer.get('/api/addresses/search?q=a')).body.length).toBeLessThanOrEqual(20);
    expect((await officer.get('/api/addresses/search?q=tan')).body).toHaveLength(20);
    expect((await officer.get('/api/addresses/search?q=')).body).toEqual([]);
    expect((await officer.get('/api/addresses/search')).body).toEqual([]);
  });

  it('answers every role but not an anonymous caller', async () => {
    for (const u of ['xuly', 'lanhdao', 'quantri']) {
      expect((await (await t.as(u)).get('/api/addresses/search?q=tan%20duong')).status, u).toBe(200);
    }
    expect((await t.anonymous().get('/api/addresses/search?q=sa')).status).toBe(401);
    expect(
      (await t.anonymous().post('/api/addresses/convert', { text: 'Phường Sa Đéc, Đồng Tháp' })).status,
    ).toBe(401);
  });

  it('converts an old address printed on a card', async () => {
    const res = await officer.post('/api/addresses/convert', {
      text: 'Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      detail: 'Ấp Tân Hòa',
      commune: { code: '29905', name: 'Phường Sa Đéc' },
      province: { code: '82', name: 'Tỉnh Đồng Tháp' },
      ambiguous: false,
      source: 'old',
      original: 'Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp',
    });
    expect(res.body.candidates).toBeUndefined();
  });

  it('answers the candidates when an old commune was split', async () => {
    const res = await officer.post('/api/addresses/convert', {
      text: 'Số 1, Phường 13, Quận Gò Vấp, Thành phố Hồ Chí Minh',
    });
    expect(res.status).toBe(200);
    expect(res.body.ambiguous).toBe(true);
    expect(res.body.commune).toBeNull();
    expect(res.body.candidates.length).toBeGreaterThan(1);
  });

  it('refuses unreadable text with 422, a Vietnamese message and the field', async () => {
    const res = await officer.post('/api/addresses/convert', { text: 'không phải địa chỉ' });
    expect(res.status).toBe(422);
    expect(res.body.field).toBe('text');
    expect(res.body.message).toMatch(/xã\/phường/);
    const empty = await officer.post('/api/addresses/convert', { text: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.body.field).toBe('text');
    expect(empty.body.message).toMatch(/Vui lòng nhập địa chỉ/);
  });
});

describe.each(DB_KINDS)('the public address search (%s)', (kind) => {
  let t: TestCase;
  beforeAll(async () => {
    t = await setupTestCase(kind, { seed: false });
  });
  afterAll(() => t.close());

  it('answers without a session', async () => {
    const res = await t.anonymous().get('/api/public/addresses/search?q=sa%20dec');
    expect(res.status).toBe(200);
    expect(res.body[0].commune.code).toBe('29905');
  });

  it('limits each IP and says so in Vietnamese with Retry-After', async () => {
    const client = t.anonymous();
    let last = await client.get('/api/public/addresses/search?q=x');
    for (let i = 0; i < PUBLIC_SEARCH_LIMIT.limit && last.status === 200; i++) {
      last = await client.get('/api/public/addresses/search?q=x');
    }
    expect(last.status).toBe(429);
    expect(last.body.message).toMatch(/Quá nhiều yêu cầu/);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
