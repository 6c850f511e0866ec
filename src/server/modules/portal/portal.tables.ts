import type { Generated } from 'kysely';

export interface PrefillTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  procedure_code: string;
  template_id: string;
  template_version: number;
  values: string;
  secret_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  dossier_code: string | null;
}

export interface RatingTable {
  id: Generated<number>;
  dossier_id: number;
  stage: string;
  rating: string;
  reasons: string;
  comment: string | null;
  unit_id: number;
  counter_id: number | null;
  officer_id: number | null;
  source: string;
  created_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    prefills: PrefillTable;
    ratings: RatingTable;
  }
}
