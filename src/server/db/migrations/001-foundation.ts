import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import { notNull, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema on purpose.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, kind: DatabaseKind): Promise<void> {
  await withId(db.schema.createTable('units'), kind)
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('agency_code', 'text', (c) => c.notNull().unique())
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('units_parent_idx').on('units').column('parent_id').execute();

  await withId(db.schema.createTable('counters'), kind)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('number', 'integer', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('counters_unit_number_uq', ['unit_id', 'number'])
    .execute();

  await withId(db.schema.createTable('users'), kind)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('full_name', 'text', notNull)
    .addColumn('password_hash', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('user_units')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('user_units_pk', ['user_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('expires_at', 'text', notNull)
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await withId(db.schema.createTable('login_failures'), kind)
    .addColumn('username', 'text', notNull)
    .addColumn('ip', 'text', notNull)
    .addColumn('at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('login_failures_user_idx')
    .on('login_failures')
    .columns(['username', 'at'])
    .execute();
  await db.schema.createIndex('login_failures_ip_idx').on('login_failures').columns(['ip', 'at']).execute();

  await withId(db.schema.createTable('events'), kind)
    .addColumn('at', 'text', notNull)
    .addColumn('actor_user_id', 'integer')
    .addColumn('unit_id', 'integer')
    .addColumn('entity_type', 'text', notNull)
    .addColumn('entity_id', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('data', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema
    .createIndex('events_entity_idx')
    .on('events')
    .columns(['entity_type', 'entity_id'])
    .execute();

  // The event log is append-only: the database itself refuses edits and deletions.
  if (kind === 'postgres') {
    await sql`CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'events are append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END`.execute(db);
    await sql`CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END`.execute(db);
  }
}
