import { z } from 'zod';

/**
 * The template format: one official form, versioned, as data. See docs/TEMPLATES.md.
 *
 * A template as written on disk may contain `{ "use": "<block>" }` entries in `fields` and `layout`;
 * `expandTemplate` replaces them with the reusable block's content. After expansion no `use` remains.
 */

export const FIELD_TYPES = [
  'text',
  'longText',
  'personName',
  'date',
  'dateInWords',
  'dateTime',
  'gender',
  'ethnicity',
  'nationality',
  'idNumber',
  'identityDocument',
  'phone',
  'email',
  'address',
  'choice',
  'number',
  'money',
  'group',
  'placeAndDate',
] as const;
export const FieldType = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldType>;

/** A value path segment: `fullName`, `mother`, `children`. Paths join them with dots: `mother.fullName`. */
const KEY = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
export const FieldKey = z
  .string()
  .regex(KEY, 'Khóa trường chỉ gồm chữ Latin, số, dấu gạch dưới, nối bằng dấu chấm');

export type Condition =
  | { field: string; is: 'empty' | 'filled' }
  | { field: string; equals: string | number | boolean }
  | { field: string; notEquals: string | number | boolean }
  | { all: Condition[] }
  | { any: Condition[] };

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: z.string().min(1), is: z.enum(['empty', 'filled']) }),
    z.strictObject({ field: z.string().min(1), equals: Scalar }),
    z.strictObject({ field: z.string().min(1), notEquals: Scalar }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
  ]),
);

export const ChoiceOption = z.strictObject({ value: z.string().min(1), label: z.string().min(1) });
export type ChoiceOption = z.infer<typeof ChoiceOption>;

export interface FieldDef {
  key: string;
  type: FieldType;
  label: string;
  hint?: string | undefined;
  required?: boolean | undefined;
  requiredWhen?: Condition | undefined;
  shownWhen?: Condition | undefined;
  maxLength?: number | undefined;
  /** date: accept a year or month/year alone (civil status allows it). */
  allowPartial?: boolean | undefined;
  /** date / dateTime: reject a date after today (birth, death). */
  notAfterToday?: boolean | undefined;
  /** dateInWords: the date field it is derived from. */
  from?: string | undefined;
  /** choice */
  options?: ChoiceOption[] | undefined;
  multiple?: boolean | undefined;
  /** number */
  min?: number | undefined;
  max?: number | undefined;
  integer?: boolean | undefined;
  /** ethnicity / nationality: accept values outside the list. */
  allowOther?: boolean | undefined;
  /** group: the row's fields, keys relative to the row. */
  fields?: FieldDef[] | undefined;
  minRows?: number | undefined;
  maxRows?: number | undefined;
  /** A value filled in when the field is empty (e.g. nationality "Việt Nam"). */
  default?: unknown;
}

export const FieldDef: z.ZodType<FieldDef> = z.lazy(() =>
  z.strictObject({
    key: FieldKey,
    type: FieldType,
    label: z.string().min(1),
    hint: z.string().optional(),
    required: z.boolean().optional(),
    requiredWhen: Condition.optional(),
    shownWhen: Condition.optional(),
    maxLength: z.number().int().positive().max(100_000).optional(),
    allowPartial: z.boolean().optional(),
    notAfterToday: z.boolean().optional(),
    from: z.string().optional(),
    options: z.array(ChoiceOption).min(1).optional(),
    multiple: z.boolean().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    allowOther: z.boolean().optional(),
    fields: z.array(FieldDef).min(1).optional(),
    minRows: z.number().int().min(0).optional(),
    maxRows: z.number().int().positive().optional(),
    default: z.unknown().optional(),
  }),
);

/** Use of a reusable block (see blocks.ts); only before expansion. */
export const BlockUse = z.strictObject({
  use: z.string().min(1),
  prefix: z.string().optional(),
  params: z.record(z.string(), z.string()).optional(),
  /** Keys (after substitution, e.g. `mother.fullName`) made required. */
  required: z.array(z.string()).optional(),
  /** Keys left out (e.g. a form without the person's gender). */
  omit: z.array(z.string()).optional(),
  /** Per key, properties replaced in the block's field (e.g. `{ "mother.birthDate": { "allowPartial": true } }`). */
  override: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
export type BlockUse = z.infer<typeof BlockUse>;

/** How a value prints inside a run. */
export const ValuePart = z.enum([
  'day',
  'month',
  'year',
  'hour',
  'minute',
  'words',
  'amount',
  'place',
  'date',
  'dmy',
  'label',
  'kind',
  'number',
  'issuedOn',
  'issuer',
]);
export type ValuePart = z.infer<typeof ValuePart>;

export const Run = z.union([
  z.string(),
  z.strictObject({
    text: z.string(),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    upper: z.boolean().optional(),
  }),
  z.strictObject({
    value: z.string().min(1),
    part: ValuePart.optional(),
    /** Length of the dotted blank printed when the value is empty (in dot characters). */
    blank: z.number().int().min(1).max(120).optional(),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    upper: z.boolean().optional(),
  }),
  z.strictObject({ footnote: z.string().min(1) }),
  z.strictObject({ checkbox: z.string().min(1), option: z.string().optional() }),
  z.strictObject({ rowNumber: z.literal(true) }),
]);
export type Run = z.infer<typeof Run>;

const Align = z.enum(['left', 'center', 'right', 'justify']);

const shownWhen = Condition.optional();

export const LabelValueItem = z.strictObject({
  label: z.string(),
  value: z.string().min(1),
  footnote: z.string().optional(),
  part: ValuePart.optional(),
  blank: z.number().int().min(1).max(120).optional(),
  upper: z.boolean().optional(),
  bold: z.boolean().optional(),
});
export type LabelValueItem = z.infer<typeof LabelValueItem>;

export const TableColumn = z.strictObject({
  header: z.string().optional(),
  /** Relative width (a weight) or 'auto'. */
  width: z.union([z.number().positive(), z.literal('auto')]).optional(),
  align: Align.optional(),
  /** For a table bound to a group: the cell's runs; value paths are relative to the row. */
  cell: z.array(Run).optional(),
});
export type TableColumn = z.infer<typeof TableColumn>;

export const SignatureColumn = z.strictObject({
  title: z.string(),
  /** Printed under the title; defaults to "(Ký, ghi rõ họ, chữ đệm, tên)". Empty string: none. */
  note: z.string().optional(),
  /** The signer's name, printed under the signing space. */
  name: z.string().optional(),
  /** A line printed above the title (e.g. place and date). */
  above: z.array(Run).optional(),
});
export type SignatureColumn = z.infer<typeof SignatureColumn>;

export type LayoutBlock =
  | { type: 'nationalHeader'; shownWhen?: Condition | undefined }
  | {
      type: 'agencyHeader';
      agency: Run[][];
      shownWhen?: Condition | undefined;
    }
  | { type: 'title'; text: string; lines?: Run[][] | undefined; shownWhen?: Condition | undefined }
  | {
      type: 'paragraph';
      runs: Run[];
      align?: 'left' | 'center' | 'right' | 'justify' | undefined;
      indent?: boolean | undefined;
      bold?: boolean | undefined;
      italic?: boolean | undefined;
      shownWhen?: Condition | undefined;
    }
  | { type: 'labelValue'; items: LabelValueItem[]; shownWhen?: Condition | undefined }
  | {
      type: 'table';
      columns: TableColumn[];
      rows?: Run[][][] | undefined;
      group?: string | undefined;
      blankRows?: number | undefined;
      headerBold?: boolean | undefined;
      shownWhen?: Condition | undefined;
    }
  | {
      type: 'checkboxes';
      label?: Run[] | undefined;
      value: string;
      after?: Run[] | undefined;
      shownWhen?: Condition | undefined;
    }
  | { type: 'signature'; columns: SignatureColumn[]; shownWhen?: Condition | undefined }
  | {
      type: 'columns';
      columns: { width?: number | undefined; blocks: LayoutBlock[] }[];
      shownWhen?: Condition | undefined;
    }
  | {
      type: 'footnotes';
      title?: string | undefined;
      items: { mark: string; text: string }[];
      shownWhen?: Condition | undefined;
    }
  | { type: 'pageBreak'; shownWhen?: Condition | undefined }
  | {
      type: 'qr';
      value: string;
      size?: number | undefined;
      caption?: string | undefined;
      align?: 'left' | 'center' | 'right' | undefined;
      shownWhen?: Condition | undefined;
    }
  | { type: 'spacer'; size?: number | undefined; shownWhen?: Condition | undefined }
  | BlockUse;

export const LayoutBlock: z.ZodType<LayoutBlock> = z.lazy(() =>
  z.union([
    z.strictObject({ type: z.literal('nationalHeader'), shownWhen }),
    z.strictObject({ type: z.literal('agencyHeader'), agency: z.array(z.array(Run)), shownWhen }),
    z.strictObject({
      type: z.literal('title'),
      text: z.string().min(1),
      lines: z.array(z.array(Run)).optional(),
      shownWhen,
    }),
    z.strictObject({
      type: z.literal('paragraph'),
      runs: z.array(Run),
      align: Align.optional(),
      indent: z.boolean().optional(),
      bold: z.boolean().optional(),
      italic: z.boolean().optional(),
      shownWhen,
    }),
    z.strictObject({ type: z.literal('labelValue'), items: z.array(LabelValueItem).min(1), shownWhen }),
    z.strictObject({
      type: z.literal('table'),
      columns: z.array(TableColumn).min(1),
      rows: z.array(z.array(z.array(Run))).optional(),
      group: z.string().optional(),
      blankRows: z.number().int().min(0).max(50).optional(),
      headerBold: z.boolean().optional(),
      shownWhen,
    }),
    z.strictObject({
      type: z.literal('checkboxes'),
      label: z.array(Run).optional(),
      value: z.string().min(1),
      after: z.array(Run).optional(),
      shownWhen,
    }),
    z.strictObject({
      type: z.literal('signature'),
      columns: z.array(SignatureColumn).min(1).max(3),
      shownWhen,
    }),
    z.strictObject({
      type: z.literal('columns'),
      columns: z
        .array(z.strictObject({ width: z.number().positive().optional(), blocks: z.array(LayoutBlock) }))
        .min(1),
      shownWhen,
    }),
    z.strictObject({
      type: z.literal('footnotes'),
      title: z.string().optional(),
      items: z.array(z.strictObject({ mark: z.string(), text: z.string() })),
      shownWhen,
    }),
    z.strictObject({ type: z.literal('pageBreak'), shownWhen }),
    z.strictObject({
      type: z.literal('qr'),
      value: z.string().min(1),
      size: z.number().positive().max(100).optional(),
      caption: z.string().optional(),
      align: z.enum(['left', 'center', 'right']).optional(),
      shownWhen,
    }),
    z.strictObject({ type: z.literal('spacer'), size: z.number().min(0).max(200).optional(), shownWhen }),
    BlockUse,
  ]),
);

export const TemplateSample = z.strictObject({
  name: z.string().min(1),
  values: z.record(z.string(), z.unknown()),
});
export type TemplateSample = z.infer<typeof TemplateSample>;

export const FormTemplate = z.strictObject({
  $schema: z.string().optional(),
  /** kebab-case, unique across all fields: `khai-sinh`. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id chỉ gồm chữ thường không dấu, số và dấu gạch ngang'),
  version: z.number().int().positive(),
  title: z.string().min(1),
  /** lĩnh vực slug = the folder name under templates/: `ho-tich`, `mot-cua`, `chung-thuc`. */
  field: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** National TTHC codes this form serves (e.g. `1.001193`). */
  procedureCodes: z.array(z.string().min(1)),
  /** The form's number and the legal text that issued it. */
  legalBasis: z.string().min(1),
  /** Whatever could not be confirmed against the official text, in plain words. */
  notes: z.array(z.string()).default([]),
  /** Body font size in points (Nghị định 30/2020: 13–14). */
  fontSize: z.number().min(11).max(14).optional(),
  fields: z.array(z.union([FieldDef, BlockUse])),
  layout: z.array(LayoutBlock).min(1),
  samples: z.array(TemplateSample).min(1),
});
export type FormTemplate = z.infer<typeof FormTemplate>;

/** Narrowing helpers: after expansion, `fields` and `layout` contain no `use` entries. */
export function isBlockUse(x: unknown): x is BlockUse {
  return typeof x === 'object' && x !== null && 'use' in x;
}

export function templateFields(t: FormTemplate): FieldDef[] {
  return t.fields.filter((f): f is FieldDef => !isBlockUse(f));
}
