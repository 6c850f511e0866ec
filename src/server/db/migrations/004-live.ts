import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import { notNull, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema on purpose.
type AnyDb = Kysely<any>;

/** Live counter sessions (the drafts), the citizen's displays and their pairing, for docs/LIVE.md. */
export async function up(db: AnyDb, kind: DatabaseKind): Promise<void> {
  await db.schema
    .createTable('live_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('counter_id', 'integer', (c) => c.notNull().references('counters.id'))
    .addColumn('officer_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('template_id', 'text', notNull)
    .addColumn('template_version', 'integer', notNull)
    .addColumn('procedure_code', 'text')
    .addColumn('label', 'text')
    .addColumn('values_json', 'text', notNull)
    .addColumn('focus', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', notNull)
    .addColumn('review', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmed_at', 'text')
    .addColumn('print_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('live_sessions_counter_idx')
    .on('live_sessions')
    .columns(['counter_id', 'status'])
    .execute();
  await db.schema
    .createIndex('live_sessions_closed_idx')
    .on('live_sessions')
    .columns(['status', 'closed_at'])
    .execute();

  // What a counter's display shows right now; one row per counter that has ever had a session.
  await db.schema
    .createTable('live_counters')
    .addColumn('counter_id', 'integer', (c) => c.primaryKey().references('counters.id'))
    .addColumn('shown_session_id', 'text')
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await withId(db.schema.createTable('live_displays'), kind)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('counter_id', 'integer', (c) => c.references('counters.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('label', 'text')
    .addColumn('pair_code', 'text', (c) => c.unique())
    .addColumn('pair_code_expires_at', 'text')
    .addColumn('codes_issued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paired_by_user_id', 'integer')
    .addColumn('paired_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_ip', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('last_seen_at', 'text')
    .execute();
  await db.schema.createIndex('live_displays_counter_idx').on('live_displays').column('counter_id').execute();
  await db.schema
    .createIndex('live_displays_ip_idx')
    .on('live_displays')
    .columns(['created_ip', 'created_at'])
    .execute();

  // Failed pairing attempts, kept in the database so every app process counts the same attempts.
  await withId(db.schema.createTable('live_pair_failures'), kind)
    .addColumn('scope_key', 'text', notNull)
    .addColumn('at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('live_pair_failures_idx')
    .on('live_pair_failures')
    .columns(['scope_key', 'at'])
    .execute();
}
