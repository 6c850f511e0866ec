import type { Generated } from 'kysely';

export interface DossierTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  procedure_code: string;
  template_id: string;
  template_version: number;
  values: string;
  applicant_name: string;
  applicant_id_number: string | null;
  applicant_address: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  channel: string;
  status: string;
  documents: string;
  officer_id: number | null;
  counter_id: number | null;
  processor_id: number | null;
  received_at: string | null;
  due_at: string | null;
  /** The appointment the dossier is judged against; an apology's new date does not move it. */
  committed_due_at: string | null;
  logbook_year: number | null;
  logbook_number: number | null;
  paused_at: string | null;
  finished_at: string | null;
  returned_at: string | null;
  draft_id: string | null;
  public_secret_hash: string | null;
  digitised: number;
  created_at: string;
  updated_at: string;
}

export interface DossierSequenceTable {
  agency_code: string;
  day: string;
  last: number;
}

export interface LogbookSequenceTable {
  unit_id: number;
  year: number;
  last: number;
}

export interface DossierPauseTable {
  dossier_id: number;
  from_at: string;
  to_at: string | null;
  reason: string | null;
}

declare module '../../db/schema.ts' {
  interface Database {
    dossiers: DossierTable;
    dossier_sequences: DossierSequenceTable;
    logbook_sequences: LogbookSequenceTable;
    dossier_pauses: DossierPauseTable;
  }
}
