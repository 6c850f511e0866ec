import type { Kysely } from 'kysely';
import { foldVietnamese } from '../../../core/text/fold.ts';
import type { Database } from '../../db/schema.ts';
import type { AddressCatalogue } from './address-catalogue.ts';

export interface AddressProvinceTable {
  code: string;
  /** Full official name: "Tỉnh Đồng Tháp", "Thành phố Hà Nội". */
  name: string;
  /** Without "Tỉnh": "Đồng Tháp". */
  short_name: string;
  name_folded: string;
}

export interface AddressCommuneTable {
  code: string;
  name: string;
  province_code: string;
  name_folded: string;
}

/** One row of the old→new unit table: an old commune (before 01/7/2025) and one current commune it went into. */
export interface AddressMappingTable {
  id: number;
  old_code: string | null;
  old_commune: string | null;
  old_district: string | null;
  old_province: string | null;
  old_commune_folded: string | null;
  old_district_folded: string | null;
  old_province_folded: string | null;
  new_commune_code: string;
  new_province_code: string;
}

/** One row: which catalogue is loaded, so that every server process can notice a CLI import. */
export interface AddressCatalogueMetaTable {
  id: number;
  version: string;
  source: string;
  imported_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    address_provinces: AddressProvinceTable;
    address_communes: AddressCommuneTable;
    address_mappings: AddressMappingTable;
    address_catalogue_meta: AddressCatalogueMetaTable;
  }
}

// SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535: 500 rows of at most
// ten columns stay far below both while keeping the number of round trips small.
const BATCH = 500;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

const foldOrNull = (s: string | null) => (s == null ? null : foldVietnamese(s));

/**
 * Replaces the whole catalogue. The caller runs it in a transaction so that readers never see
 * half a catalogue. Mapping ids are the row order, so they are stable for a given file.
 */
export async function replaceCatalogue(
  db: Kysely<Database>,
  catalogue: AddressCatalogue,
  source: string,
  now: string,
): Promise<void> {
  await db.deleteFrom('address_mappings').execute();
  await db.deleteFrom('address_communes').execute();
  await db.deleteFrom('address_provinces').execute();
  await db.deleteFrom('address_catalogue_meta').execute();
  await insertInBatches(catalogue.provinces, (batch) =>
    db
      .insertInto('address_provinces')
      .values(
        batch.map((p) => ({
          code: p.code,
          name: p.name,
          short_name: p.shortName,
          name_folded: foldVietnamese(p.name),
        })),
      )
      .execute(),
  );
  await insertInBatches(catalogue.communes, (batch) =>
    db
      .insertInto('address_communes')
      .values(
        batch.map((c) => ({
          code: c.code,
          name: c.name,
          province_code: c.provinceCode,
          name_folded: foldVietnamese(c.name),
        })),
      )
      .execute(),
  );
  await insertInBatches(
    catalogue.mappings.map((m, i) => ({ ...m, id: i + 1 })),
    (batch) =>
      db
        .insertInto('address_mappings')
        .values(
          batch.map((m) => ({
            id: m.id,
            old_code: m.oldCode,
            old_commune: m.oldCommune,
            old_district: m.oldDistrict,
            old_province: m.oldProvince,
            old_commune_folded: foldOrNull(m.oldCommune),
            old_district_folded: foldOrNull(m.oldDistrict),
            old_province_folded: foldOrNull(m.oldProvince),
            new_commune_code: m.newCommuneCode,
            new_province_code: m.newProvinceCode,
          })),
        )
        .execute(),
  );
  const version = `${now}#${catalogue.provinces.length}/${catalogue.communes.length}/${catalogue.mappings.length}`;
  await db
    .insertInto('address_catalogue_meta')
    .values({ id: 1, version, source, imported_at: now })
    .execute();
}

export type CatalogueRows = {
  version: string | null;
  provinces: AddressProvinceTable[];
  communes: AddressCommuneTable[];
  mappings: AddressMappingTable[];
};

export async function readCatalogueVersion(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('address_catalogue_meta')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.version ?? null;
}

export async function readCatalogueRows(db: Kysely<Database>): Promise<CatalogueRows> {
  const [version, provinces, communes, mappings] = await Promise.all([
    readCatalogueVersion(db),
    db.selectFrom('address_provinces').selectAll().orderBy('code').execute(),
    db.selectFrom('address_communes').selectAll().orderBy('code').execute(),
    db.selectFrom('address_mappings').selectAll().orderBy('id').execute(),
  ]);
  return { version, provinces, communes, mappings };
}

export async function countCatalogue(
  db: Kysely<Database>,
): Promise<{ provinces: number; communes: number; mappings: number }> {
  const count = async (t: 'address_provinces' | 'address_communes' | 'address_mappings') => {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  return {
    provinces: await count('address_provinces'),
    communes: await count('address_communes'),
    mappings: await count('address_mappings'),
  };
}
