import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Timestamps are ISO-8601 UTC strings and booleans are 0/1 integers in both databases,
 * so that one set of queries and migrations serves SQLite and PostgreSQL alike.
 */
export interface UnitTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  kind: string;
  agency_code: string;
  address: string | null;
  phone: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CounterTable {
  id: Generated<number>;
  unit_id: number;
  number: number;
  name: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  password_hash: string;
  role: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UserUnitTable {
  user_id: number;
  unit_id: number;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
}

export interface LoginFailureTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: string;
}

export interface EventTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  unit_id: number | null;
  entity_type: string;
  entity_id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  data: string | null;
  ip: string | null;
}

export interface Database {
  units: UnitTable;
  counters: CounterTable;
  users: UserTable;
  user_units: UserUnitTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  events: EventTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type CounterRow = Selectable<CounterTable>;
export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type EventRow = Selectable<EventTable>;
