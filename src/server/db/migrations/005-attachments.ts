import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import { notNull, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema on purpose.
type AnyDb = Kysely<any>;

/** Files attached to dossiers: the bytes live content-addressed under the data folder, the facts here. */
export async function up(db: AnyDb, kind: DatabaseKind): Promise<void> {
  await withId(db.schema.createTable('attachments'), kind)
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossiers.id'))
    .addColumn('sha256', 'text', notNull)
    .addColumn('size', 'integer', notNull)
    .addColumn('mime', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('file_name', 'text', notNull)
    .addColumn('uploaded_by', 'integer')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('attachments_dossier_idx').on('attachments').column('dossier_id').execute();
}
