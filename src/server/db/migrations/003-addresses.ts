import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import {
  loadPackagedCatalogue,
  PACKAGED_CATALOGUE_SOURCE,
} from '../../modules/addresses/address-catalogue.ts';
import { replaceCatalogue } from '../../modules/addresses/addresses.repo.ts';
import type { Database } from '../schema.ts';
import { notNull } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema on purpose.
type AnyDb = Kysely<any>;

/**
 * The national address catalogue after 01/7/2025 (34 provinces, 3,321 communes, 10,977 old→new
 * rows), loaded here from the npm package so that a fresh database can convert addresses at once.
 * Loading takes about 0.1 s on SQLite and 0.3 s on PostgreSQL (see docs/ADDRESSES.md).
 */
export async function up(db: AnyDb, _kind: DatabaseKind): Promise<void> {
  await db.schema
    .createTable('address_provinces')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', notNull)
    .addColumn('short_name', 'text', notNull)
    .addColumn('name_folded', 'text', notNull)
    .execute();
  await db.schema
    .createTable('address_communes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', notNull)
    .addColumn('province_code', 'text', (c) => c.notNull().references('address_provinces.code'))
    .addColumn('name_folded', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('address_communes_province_idx')
    .on('address_communes')
    .column('province_code')
    .execute();
  await db.schema
    .createIndex('address_communes_folded_idx')
    .on('address_communes')
    .column('name_folded')
    .execute();
  await db.schema
    .createTable('address_mappings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('old_code', 'text')
    .addColumn('old_commune', 'text')
    .addColumn('old_district', 'text')
    .addColumn('old_province', 'text')
    .addColumn('old_commune_folded', 'text')
    .addColumn('old_district_folded', 'text')
    .addColumn('old_province_folded', 'text')
    .addColumn('new_commune_code', 'text', (c) => c.notNull().references('address_communes.code'))
    .addColumn('new_province_code', 'text', (c) => c.notNull().references('address_provinces.code'))
    .execute();
  await db.schema
    .createIndex('address_mappings_old_idx')
    .on('address_mappings')
    .columns(['old_commune_folded', 'old_province_folded'])
    .execute();
  await db.schema
    .createIndex('address_mappings_new_idx')
    .on('address_mappings')
    .column('new_commune_code')
    .execute();
  await db.schema
    .createTable('address_catalogue_meta')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'text', notNull)
    .addColumn('source', 'text', notNull)
    .addColumn('imported_at', 'text', notNull)
    .execute();

  const catalogue = loadPackagedCatalogue();
  const load = (trx: Kysely<Database>) =>
    replaceCatalogue(trx, catalogue, PACKAGED_CATALOGUE_SOURCE, new Date().toISOString());
  // PostgreSQL migrations already run in a transaction; SQLite's do not, and one transaction
  // instead of thirty autocommits is both faster and all-or-nothing.
  if (db.isTransaction) await load(db as Kysely<Database>);
  else await (db as Kysely<Database>).transaction().execute(load);
}
