export interface ProcedureTable {
  id: import('kysely').Generated<number>;
  code: string;
  name: string;
  field: string;
  template_id: string;
  processing_days: number;
  same_day: number;
  fees: string;
  documents: string;
  result_delivery: string;
  legal_basis: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UnitProcedureTable {
  unit_id: number;
  procedure_id: number;
}

export interface CalendarOverrideTable {
  date: string;
  kind: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    procedures: ProcedureTable;
    unit_procedures: UnitProcedureTable;
    calendar_overrides: CalendarOverrideTable;
  }
}
