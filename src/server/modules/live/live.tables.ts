import type { Generated, Selectable } from 'kysely';

export interface LiveSessionTable {
  id: string;
  unit_id: number;
  counter_id: number;
  officer_user_id: number;
  template_id: string;
  template_version: number;
  procedure_code: string | null;
  label: string | null;
  /** The raw values as typed (JSON text): the draft. */
  values_json: string;
  focus: string | null;
  /** Highest patch seq applied; a patch at or below it is a replay and is acked without applying. */
  seq: Generated<number>;
  status: 'open' | 'closed';
  review: Generated<number>;
  confirmed_at: string | null;
  print_count: Generated<number>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** The citizen's online prefill this session was opened from (marked used when the dossier is received). */
  prefill_code: string | null;
}

export interface LiveCounterTable {
  counter_id: number;
  shown_session_id: string | null;
  updated_at: string;
}

export interface LiveDisplayTable {
  id: Generated<number>;
  token_hash: string;
  unit_id: number | null;
  counter_id: number | null;
  kind: 'code' | 'kiosk';
  label: string | null;
  pair_code: string | null;
  pair_code_expires_at: string | null;
  codes_issued: Generated<number>;
  paired_by_user_id: number | null;
  paired_at: string | null;
  revoked_at: string | null;
  created_ip: string | null;
  created_at: string;
  last_seen_at: string | null;
}

export interface LivePairFailureTable {
  id: Generated<number>;
  scope_key: string;
  at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    live_sessions: LiveSessionTable;
    live_counters: LiveCounterTable;
    live_displays: LiveDisplayTable;
    live_pair_failures: LivePairFailureTable;
  }
}

export type LiveSessionRow = Selectable<LiveSessionTable>;
export type LiveDisplayRow = Selectable<LiveDisplayTable>;
