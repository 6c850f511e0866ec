import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema on purpose.
type AnyDb = Kysely<any>;

/**
 * A counter session opened from a citizen's online prefill keeps its code, so that receiving the dossier
 * marks that prefill used even after a reload of the counter page.
 */
export async function up(db: AnyDb, _kind: DatabaseKind): Promise<void> {
  await db.schema.alterTable('live_sessions').addColumn('prefill_code', 'text').execute();
}
