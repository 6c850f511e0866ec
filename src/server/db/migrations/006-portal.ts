import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import { notNull, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema on purpose.
type AnyDb = Kysely<any>;

/** Forms filled online to bring to the desk (prefills), and citizens' satisfaction ratings. */
export async function up(db: AnyDb, kind: DatabaseKind): Promise<void> {
  await withId(db.schema.createTable('prefills'), kind)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('procedure_code', 'text', notNull)
    .addColumn('template_id', 'text', notNull)
    .addColumn('template_version', 'integer', notNull)
    .addColumn('values', 'text', notNull)
    .addColumn('secret_hash', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('expires_at', 'text', notNull)
    .addColumn('used_at', 'text')
    .addColumn('dossier_code', 'text')
    .execute();

  await withId(db.schema.createTable('ratings'), kind)
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossiers.id'))
    .addColumn('stage', 'text', notNull)
    .addColumn('rating', 'text', notNull)
    .addColumn('reasons', 'text', notNull)
    .addColumn('comment', 'text')
    .addColumn('unit_id', 'integer', notNull)
    .addColumn('counter_id', 'integer')
    .addColumn('officer_id', 'integer')
    .addColumn('source', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addUniqueConstraint('ratings_dossier_stage_uq', ['dossier_id', 'stage'])
    .execute();
  await db.schema.createIndex('ratings_unit_idx').on('ratings').columns(['unit_id', 'created_at']).execute();
}
