import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import { notNull, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema on purpose.
type AnyDb = Kysely<any>;

/** Templates with their versions, the procedure catalogue, dossiers with their gapless numbering, and the calendar. */
export async function up(db: AnyDb, kind: DatabaseKind): Promise<void> {
  await db.schema
    .createTable('form_templates')
    .addColumn('template_id', 'text', notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('field', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('definition', 'text', notNull)
    .addColumn('source', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'integer')
    .addPrimaryKeyConstraint('form_templates_pk', ['template_id', 'version'])
    .execute();

  await withId(db.schema.createTable('procedures'), kind)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('field', 'text', notNull)
    .addColumn('template_id', 'text', notNull)
    .addColumn('processing_days', 'integer', notNull)
    .addColumn('same_day', 'integer', notNull)
    .addColumn('fees', 'text', notNull)
    .addColumn('documents', 'text', notNull)
    .addColumn('result_delivery', 'text', notNull)
    .addColumn('legal_basis', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('unit_procedures')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('procedure_id', 'integer', (c) => c.notNull().references('procedures.id'))
    .addPrimaryKeyConstraint('unit_procedures_pk', ['unit_id', 'procedure_id'])
    .execute();

  // One row per agency per day; incremented inside the intake transaction, so codes are unique and gapless.
  await db.schema
    .createTable('dossier_sequences')
    .addColumn('agency_code', 'text', notNull)
    .addColumn('day', 'text', notNull)
    .addColumn('last', 'integer', notNull)
    .addPrimaryKeyConstraint('dossier_sequences_pk', ['agency_code', 'day'])
    .execute();

  await db.schema
    .createTable('logbook_sequences')
    .addColumn('unit_id', 'integer', notNull)
    .addColumn('year', 'integer', notNull)
    .addColumn('last', 'integer', notNull)
    .addPrimaryKeyConstraint('logbook_sequences_pk', ['unit_id', 'year'])
    .execute();

  await withId(db.schema.createTable('dossiers'), kind)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('procedure_code', 'text', notNull)
    .addColumn('template_id', 'text', notNull)
    .addColumn('template_version', 'integer', notNull)
    .addColumn('values', 'text', notNull)
    .addColumn('applicant_name', 'text', notNull)
    .addColumn('applicant_id_number', 'text')
    .addColumn('applicant_address', 'text')
    .addColumn('applicant_phone', 'text')
    .addColumn('applicant_email', 'text')
    .addColumn('channel', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('documents', 'text', notNull)
    .addColumn('officer_id', 'integer')
    .addColumn('counter_id', 'integer')
    .addColumn('processor_id', 'integer')
    .addColumn('received_at', 'text')
    .addColumn('due_at', 'text')
    .addColumn('logbook_year', 'integer')
    .addColumn('logbook_number', 'integer')
    .addColumn('paused_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('draft_id', 'text')
    .addColumn('public_secret_hash', 'text')
    .addColumn('digitised', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('dossiers_unit_status_idx')
    .on('dossiers')
    .columns(['unit_id', 'status'])
    .execute();
  await db.schema
    .createIndex('dossiers_applicant_id_idx')
    .on('dossiers')
    .column('applicant_id_number')
    .execute();
  await db.schema.createIndex('dossiers_draft_idx').on('dossiers').column('draft_id').unique().execute();

  await db.schema
    .createTable('dossier_pauses')
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossiers.id'))
    .addColumn('from_at', 'text', notNull)
    .addColumn('to_at', 'text')
    .addColumn('reason', 'text')
    .execute();

  await db.schema
    .createTable('calendar_overrides')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', notNull)
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', notNull)
    .execute();

  // Fixed-window counters for public endpoints, shared by every app process.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', notNull)
    .addColumn('expires_at', 'text', notNull)
    .execute();
}
