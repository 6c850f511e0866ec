import type { Db } from '../../db/database.ts';
import { AddressIndex } from './address-index.ts';
import { readCatalogueRows, readCatalogueVersion } from './addresses.repo.ts';

/** How often a process asks the database whether a CLI import replaced the catalogue. */
const VERSION_CHECK_MS = 60_000;

class CatalogueHolder {
  private index: AddressIndex | undefined;
  private loading: Promise<AddressIndex> | undefined;
  private checkedAt = 0;

  constructor(private readonly db: Db) {}

  /**
   * The in-memory index of this database's catalogue, built on first use (about 0.1 s) and shared
   * by concurrent first callers. At most once a minute a cheap version read, off the request's
   * path, notices an import done by the CLI or another process and rebuilds.
   */
  get(): Promise<AddressIndex> {
    if (this.index) {
      this.maybeCheckVersion(this.index);
      return Promise.resolve(this.index);
    }
    if (!this.loading) {
      this.loading = readCatalogueRows(this.db.kysely)
        .then((rows) => {
          this.index = new AddressIndex(rows);
          this.checkedAt = Date.now();
          return this.index;
        })
        .finally(() => {
          this.loading = undefined;
        });
    }
    return this.loading;
  }

  /** Drops the index so that the next call rebuilds it (after an import in this process). */
  invalidate(): void {
    this.index = undefined;
  }

  private maybeCheckVersion(current: AddressIndex): void {
    const now = Date.now();
    if (now - this.checkedAt < VERSION_CHECK_MS) return;
    this.checkedAt = now;
    readCatalogueVersion(this.db.kysely)
      .then((version) => {
        if (version !== current.version && this.index === current) this.index = undefined;
      })
      .catch(() => {
        // The database may be closing; the next check will try again.
      });
  }
}

const holders = new WeakMap<Db, CatalogueHolder>();

function holderFor(db: Db): CatalogueHolder {
  let h = holders.get(db);
  if (!h) {
    h = new CatalogueHolder(db);
    holders.set(db, h);
  }
  return h;
}

/** The address index for a database; other modules (CCCD parsing) call this too. */
export function getAddressIndex(db: Db): Promise<AddressIndex> {
  return holderFor(db).get();
}

export function invalidateAddressIndex(db: Db): void {
  holderFor(db).invalidate();
}
