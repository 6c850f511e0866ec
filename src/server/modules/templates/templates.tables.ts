export interface FormTemplateTable {
  template_id: string;
  version: number;
  field: string;
  title: string;
  /** The expanded, validated template as JSON. */
  definition: string;
  /** 'file' when synced from templates/, 'import' when an administrator imported it. */
  source: string;
  created_at: string;
  created_by: number | null;
}

declare module '../../db/schema.ts' {
  interface Database {
    form_templates: FormTemplateTable;
  }
}
