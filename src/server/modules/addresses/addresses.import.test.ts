import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { importAddressCatalogueFile } from './addresses.import.ts';
import { countCatalogue } from './addresses.repo.ts';

/** A small catalogue in the package's shape: one province, a renamed commune, one old-to-new row. */
const SMALL = [
  { type: 'header', version: '2.0', comment: 'test' },
  {
    type: 'table',
    name: 'provinces',
    data: [{ province_code: '82', name: 'Đồng Tháp', short_name: 'Đồng Tháp', place_type: 'Tỉnh' }],
  },
  {
    type: 'table',
    name: 'wards',
    data: [
      { ward_code: '29905', name: 'Phường Sa Đéc Mới', province_code: '82' },
      { ward_code: '30214', name: 'Xã Tân Dương', province_code: '82' },
    ],
  },
  {
    type: 'table',
    name: 'ward_mappings',
    data: [
      {
        old_ward_code: '29919',
        old_ward_name: 'Phường An Hoà',
        old_district_name: 'Thành phố Sa Đéc',
        old_province_name: 'Tỉnh Đồng Tháp',
        new_ward_code: '29905',
        new_ward_name: 'Phường Sa Đéc Mới',
        new_province_name: 'Đồng Tháp',
      },
    ],
  },
];

describe.each(DB_KINDS)('importing an address catalogue file (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
  });
  afterAll(() => t.close());

  it('changes nothing when the file is bad, and says why', async () => {
    const bad = join(t.database.dataDir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ type: 'table', name: 'provinces', data: [] }]));
    const r = await importAddressCatalogueFile(t.database.db, bad);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('thiếu') });
    const missing = await importAddressCatalogueFile(t.database.db, join(t.database.dataDir, 'none.json'));
    expect(missing).toEqual({ ok: false, reason: expect.stringContaining('Không tìm thấy tệp') });
    expect(await countCatalogue(t.database.db.kysely)).toEqual({
      provinces: 34,
      communes: 3321,
      mappings: 10977,
    });
  });

  it('replaces the catalogue and the running server answers from the new one', async () => {
    expect((await officer.get('/api/addresses/search?q=sa%20dec')).body[0].commune.name).toBe(
      'Phường Sa Đéc',
    );
    const file = join(t.database.dataDir, 'small.json');
    writeFileSync(file, JSON.stringify(SMALL));
    const r = await importAddressCatalogueFile(t.database.db, file);
    expect(r).toEqual({ ok: true, provinces: 1, communes: 2, mappings: 1 });
    const search = await officer.get('/api/addresses/search?q=sa%20dec');
    expect(search.body.map((s: { label: string }) => s.label)).toEqual(['Phường Sa Đéc Mới, Đồng Tháp']);
    const conv = await officer.post('/api/addresses/convert', { text: 'Phường An Hòa, Sa Đéc, Đồng Tháp' });
    expect(conv.body.commune).toEqual({ code: '29905', name: 'Phường Sa Đéc Mới' });
  });
});
