import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from '../../config.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema on purpose.
type AnyDb = Kysely<any>;

/**
 * The appointment a dossier is judged against. An apology letter moves due_at (the date the citizen is
 * now told), but a dossier late against its first appointment stays late (QĐ 766 counting).
 */
export async function up(db: AnyDb, _kind: DatabaseKind): Promise<void> {
  await db.schema.alterTable('dossiers').addColumn('committed_due_at', 'text').execute();
  await sql`UPDATE dossiers SET committed_due_at = due_at`.execute(db);
}
