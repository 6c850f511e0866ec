import { beforeAll, describe, expect, it } from 'vitest';
import { loadPackagedCatalogue, parseAddressCatalogue } from './address-catalogue.ts';
import { AddressIndex } from './address-index.ts';

let index: AddressIndex;
beforeAll(() => {
  index = AddressIndex.fromCatalogue(loadPackagedCatalogue());
});

function converted(text: string) {
  const r = index.convert(text);
  if (!r.ok) throw new Error(`not converted: ${r.reason}`);
  return r.value;
}

describe('the packaged catalogue', () => {
  it('has 34 provinces, 3,321 communes and 10,977 old-to-new rows', () => {
    const c = loadPackagedCatalogue();
    expect(c.provinces).toHaveLength(34);
    expect(c.communes).toHaveLength(3321);
    expect(c.mappings).toHaveLength(10977);
  });

  it('names provinces in full, as forms print them', () => {
    const c = loadPackagedCatalogue();
    expect(c.provinces.find((p) => p.code === '82')).toEqual({
      code: '82',
      name: 'Tỉnh Đồng Tháp',
      shortName: 'Đồng Tháp',
    });
    expect(c.provinces.find((p) => p.code === '01')?.name).toBe('Thành phố Hà Nội');
  });

  it('maps every old-to-new row to a commune of the wards table, by name where the code disagrees', () => {
    const c = loadPackagedCatalogue();
    const codes = new Set(c.communes.map((x) => x.code));
    expect(c.mappings.every((m) => codes.has(m.newCommuneCode))).toBe(true);
    // The package's row for Phường 2, Thành phố Vĩnh Long carries code 30378, which the wards table lacks.
    const row = c.mappings.find(
      (m) => m.oldCommune === 'Phường 2' && m.oldDistrict === 'Thành phố Vĩnh Long',
    );
    const longChau = c.communes.find((x) => x.name === 'Phường Long Châu' && x.provinceCode === '86');
    expect(row?.newCommuneCode).toBe(longChau?.code);
  });

  it('refuses a file without the three tables, saying which', () => {
    const r = parseAddressCatalogue([{ type: 'header' }]);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('provinces, wards, ward_mappings') });
    expect(parseAddressCatalogue({}).ok).toBe(false);
  });

  it('refuses a commune whose province is not in the file, naming the row', () => {
    const r = parseAddressCatalogue([
      {
        type: 'table',
        name: 'provinces',
        data: [{ province_code: '82', name: 'Đồng Tháp', place_type: 'Tỉnh' }],
      },
      {
        type: 'table',
        name: 'wards',
        data: [{ ward_code: '29905', name: 'Phường Sa Đéc', province_code: '99' }],
      },
      { type: 'table', name: 'ward_mappings', data: [] },
    ]);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/wards, dòng 1.*99/) });
  });
});

describe('searching current communes', () => {
  it('finds Phường Sa Đéc from "sa dec" without diacritics, first', () => {
    const r = index.search('sa dec');
    expect(r[0]).toEqual({
      commune: { code: '29905', name: 'Phường Sa Đéc' },
      province: { code: '82', name: 'Tỉnh Đồng Tháp' },
      label: 'Phường Sa Đéc, Đồng Tháp',
    });
  });

  it('finds the same with diacritics, in upper case, or in NFD', () => {
    for (const q of ['Sa Đéc', 'SA ĐÉC', 'Sa Đéc'.normalize('NFD'), '  sa   dec ']) {
      expect(index.search(q)[0]?.commune.code, q).toBe('29905');
    }
  });

  it('ranks word-start matches above matches inside a word', () => {
    const r = index.search('hoa');
    expect(r.length).toBe(20);
    const first = r[0]!.commune.name;
    expect(first.split(' ').some((w) => /^h[oòóỏõọ]a/i.test(w))).toBe(true);
    const insideOnly = r.findIndex((s) => !/(^|\s)H[oòóỏõọ]a/u.test(s.commune.name));
    if (insideOnly >= 0)
      expect(r.slice(insideOnly).every((s) => !/(^|\s)Hòa/u.test(s.commune.name))).toBe(true);
  });

  it('treats Hoà and Hòa alike', () => {
    const a = index.search('Tân Hoà').map((s) => s.commune.code);
    const b = index.search('Tân Hòa').map((s) => s.commune.code);
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(0);
  });

  it('narrows by province words', () => {
    const r = index.search('tan duong dong thap');
    expect(r[0]?.commune.name).toBe('Xã Tân Dương');
    expect(r[0]?.province.code).toBe('82');
  });

  it('returns nothing for an empty query and never more than the limit', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ,  ')).toEqual([]);
    expect(index.search('x', 20).length).toBeLessThanOrEqual(20);
    expect(index.search('an', 5)).toHaveLength(5);
  });
});

describe('converting addresses', () => {
  it('converts Sa Đéc’s old Phường An Hoà and Xã Tân Khánh Đông to Phường Sa Đéc (29905)', () => {
    for (const text of [
      'Khóm 2, Phường An Hoà, Thành phố Sa Đéc, Tỉnh Đồng Tháp',
      'Ấp Tân Hòa, Xã Tân Khánh Đông, Thành phố Sa Đéc, Tỉnh Đồng Tháp',
    ]) {
      const v = converted(text);
      expect(v.commune, text).toEqual({ code: '29905', name: 'Phường Sa Đéc' });
      expect(v.province).toEqual({ code: '82', name: 'Tỉnh Đồng Tháp' });
      expect(v.source).toBe('old');
      expect(v.ambiguous).toBe(false);
      expect(v.original).toBe(text);
    }
    const v = converted('Ấp Tân Hòa, Xã Tân Khánh Đông, Thành phố Sa Đéc, Tỉnh Đồng Tháp');
    expect(v.detail).toBe('Ấp Tân Hòa');
    expect(v.formatted).toBe('Ấp Tân Hòa, Phường Sa Đéc, Tỉnh Đồng Tháp');
    expect(v.oldUnits).toBe('Xã Tân Khánh Đông, Thành phố Sa Đéc, Tỉnh Đồng Tháp');
  });

  it('reads the abbreviations printed on cards', () => {
    for (const text of [
      'Khóm 3, P. An Hòa, TP. Sa Đéc, T. Đồng Tháp',
      'Khóm 3, P.An Hoà, Tp.Sa Đéc, Đồng Tháp',
      'Khóm 3, P An Hoa, TP Sa Dec, Dong Thap',
      'Khóm 3, X. Tân Khánh Đông, TX. Sa Đéc, Đồng Tháp',
    ]) {
      expect(converted(text).commune?.code, text).toBe('29905');
    }
    expect(converted('12 Nguyễn Huệ, P.1, Q.Gò Vấp, TP.HCM').province.code).toBe('79');
    expect(converted('Số 5, TT. Lai Vung, H. Lai Vung, Đồng Tháp').source).toBe('old');
  });

  it('reads numbered wards with or without leading zeros', () => {
    const a = converted('Số 1, Phường 01, Thành phố Sa Đéc, Đồng Tháp');
    const b = converted('Số 1, P1, Sa Đéc, Đồng Tháp');
    expect(a.commune?.code).toBe('29905');
    expect(b.commune?.code).toBe('29905');
  });

  it('accepts an address already in the new two-level form without converting it', () => {
    const v = converted('Ấp 1, Xã Tân Dương, Tỉnh Đồng Tháp');
    expect(v).toMatchObject({
      detail: 'Ấp 1',
      commune: { code: '30214', name: 'Xã Tân Dương' },
      province: { code: '82' },
      source: 'current',
      ambiguous: false,
    });
    expect(converted('Phường Sa Đéc, Đồng Tháp')).toMatchObject({ detail: '', commune: { code: '29905' } });
  });

  it('lets the officer choose when an old commune was split among several new ones', () => {
    const v = converted('5 Xuân Thủy, Phường Dịch Vọng Hậu, Quận Cầu Giấy, Hà Nội');
    expect(v.ambiguous).toBe(true);
    expect(v.commune).toBeNull();
    expect(v.candidates?.map((c) => c.commune.name).sort()).toEqual(['Phường Cầu Giấy', 'Phường Nghĩa Đô']);
    expect(v.province.code).toBe('01');
    expect(v.detail).toBe('5 Xuân Thủy');
  });

  it('offers every candidate when the district is missing and the commune name repeats', () => {
    const v = converted('Tổ 1, Phường 1, Đồng Tháp');
    expect(v.ambiguous).toBe(true);
    expect(v.candidates?.map((c) => c.commune.name)).toContain('Phường Sa Đéc');
  });

  it('converts across a province merger', () => {
    const v = converted('xóm 1, Xã Nam Thanh, Huyện Nam Trực, Nam Định');
    expect(v.province.name).toBe('Tỉnh Ninh Bình');
    expect(v.source).toBe('old');
  });

  it('reads a name that starts like a unit type ("Quan Hóa")', () => {
    expect(converted('Bản Khằm, Xã Hiền Kiệt, Quan Hóa, Thanh Hóa').province.name).toBe('Tỉnh Thanh Hóa');
  });

  it('ignores a trailing "Việt Nam"', () => {
    expect(converted('Phường Sa Đéc, Đồng Tháp, Việt Nam').commune?.code).toBe('29905');
  });

  it('refuses, with a reason, text without a commune and province', () => {
    for (const text of ['abc', 'Sa Đéc', '']) {
      const r = index.convert(text);
      expect(r.ok, text).toBe(false);
    }
    const r = index.convert('Ấp 1, Xã Không Có, Đồng Tháp');
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('Không tìm thấy xã/phường') });
    const p = index.convert('Ấp 1, Xã Tân Dương, Tỉnh Không Có');
    expect(p).toEqual({ ok: false, reason: expect.stringContaining('tỉnh/thành phố «Tỉnh Không Có»') });
  });
});
