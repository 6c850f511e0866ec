import type { ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';
import type { DatabaseKind } from '../../config.ts';

/** An auto-increment integer primary key spelled the way each database wants it. */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  kind: DatabaseKind,
): CreateTableBuilder<T, 'id'> {
  return kind === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
