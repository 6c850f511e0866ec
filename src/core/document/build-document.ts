import { create as createQr } from 'qrcode';
import { evaluateCondition, isEmptyValue } from '../forms/conditions.ts';
import {
  type FieldDef,
  type FormTemplate,
  isBlockUse,
  type LayoutBlock,
  type Run,
  templateFields,
  type ValuePart,
} from '../forms/FormTemplate.ts';
import { FIELD_TYPE_SPECS, type PrintContext } from '../forms/field-types.ts';
import { getAt } from '../forms/value-path.ts';
import { upperVi } from '../forms/vi-text.ts';
import type { DocBlock, DocumentModel, QrModules, SignatureColumnModel, Span } from './DocumentModel.ts';

export interface BuildOptions {
  /** Overrides the document title (PDF metadata); defaults to the template's title. */
  title?: string;
}

/** Longest text a single value may print; longer values are cut (validation refuses them anyway). */
const MAX_PRINTED = 5000;
const DEFAULT_BLANK = 20;
const PART_BLANK: Partial<Record<ValuePart, number>> = {
  day: 4,
  month: 4,
  year: 8,
  hour: 4,
  minute: 4,
  place: 20,
};
export const DEFAULT_SIGNATURE_NOTE = '(Ký, ghi rõ họ, chữ đệm, tên)';

export function blankText(length: number): string {
  return '.'.repeat(Math.max(1, Math.min(120, length)));
}

interface Scope {
  fields: Map<string, FieldDef>;
  /** Path prefix for values of this scope: '' at the top, `documents[2].` inside a group row. */
  base: string;
}

class Builder {
  private readonly top: Map<string, FieldDef>;
  private readonly printCtx: PrintContext;

  constructor(
    template: FormTemplate,
    private readonly values: Record<string, unknown>,
  ) {
    this.top = new Map(templateFields(template).map((f) => [f.key, f]));
    this.printCtx = { valueOf: (p) => getAt(this.values, p) };
  }

  private valueSpans(
    run: {
      value: string;
      part?: ValuePart | undefined;
      blank?: number | undefined;
      bold?: boolean | undefined;
      italic?: boolean | undefined;
      upper?: boolean | undefined;
    },
    scope: Scope,
  ): Span[] {
    const path = `${scope.base}${run.value}`;
    const field = scope.fields.get(run.value);
    const style: Pick<Span, 'bold' | 'italic'> = {};
    if (run.bold) style.bold = true;
    if (run.italic) style.italic = true;
    const blank = (n: number): Span => ({ text: blankText(n), path, blank: true, ...style });
    if (!field) return [blank(run.blank ?? DEFAULT_BLANK)];
    const spec = FIELD_TYPE_SPECS[field.type];
    const value = getAt(this.values, path);
    const print = (part: ValuePart | undefined): string => {
      let s: string;
      try {
        s = spec.print(value, field, part, this.printCtx);
      } catch {
        // A value of the wrong shape (a draft) prints nothing rather than breaking the preview.
        s = '';
      }
      if (s.length > MAX_PRINTED) s = s.slice(0, MAX_PRINTED);
      return run.upper ? upperVi(s) : s;
    };
    if (spec.parts && run.part === undefined) {
      // One blank per missing part keeps the paper form's "ngày … tháng … năm …" shape.
      return spec.parts.map((p): Span => {
        if (typeof p === 'string') return { text: p, ...style };
        const s = print(p.part);
        return s === '' ? blank(PART_BLANK[p.part] ?? DEFAULT_BLANK) : { text: s, path, ...style };
      });
    }
    const s = print(run.part);
    if (s === '')
      return [blank(run.blank ?? (run.part ? (PART_BLANK[run.part] ?? DEFAULT_BLANK) : DEFAULT_BLANK))];
    return [{ text: s, path, ...style }];
  }

  private checkboxSpan(path: string, option: string | undefined, scope: Scope): Span {
    const full = `${scope.base}${path}`;
    const v = getAt(this.values, full);
    const checked =
      option === undefined
        ? !isEmptyValue(v) && v !== false
        : Array.isArray(v)
          ? v.includes(option)
          : v === option;
    return { text: checked ? '☒' : '☐', path: full, checkbox: checked ? 'checked' : 'unchecked' };
  }

  spans(runs: readonly Run[], scope: Scope, rowNumber?: number): Span[] {
    const out: Span[] = [];
    for (const r of runs) {
      if (typeof r === 'string') {
        if (r !== '') out.push({ text: r });
      } else if ('text' in r) {
        const s: Span = { text: r.upper ? upperVi(r.text) : r.text };
        if (r.bold) s.bold = true;
        if (r.italic) s.italic = true;
        out.push(s);
      } else if ('value' in r) {
        out.push(...this.valueSpans(r, scope));
      } else if ('footnote' in r) {
        out.push({ text: `(${r.footnote})` });
      } else if ('checkbox' in r) {
        out.push(this.checkboxSpan(r.checkbox, r.option, scope));
      } else if ('rowNumber' in r) {
        out.push({ text: rowNumber === undefined ? '' : String(rowNumber) });
      }
    }
    return out;
  }

  private topScope(): Scope {
    return { fields: this.top, base: '' };
  }

  private qr(b: Extract<LayoutBlock, { type: 'qr' }>): DocBlock {
    const v = getAt(this.values, b.value);
    let content: Extract<DocBlock, { kind: 'qr' }>['content'] = null;
    if (typeof v === 'string' && v.trim() !== '') {
      if (/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(v) && v.length < 2_000_000) {
        content = { type: 'image', src: v };
      } else {
        content = { type: 'modules', modules: qrModules(v.slice(0, 1000)) };
      }
    }
    return {
      kind: 'qr',
      path: b.value,
      size: b.size ?? 25,
      align: b.align ?? 'right',
      caption: b.caption ?? null,
      content,
    };
  }

  blocks(layout: readonly LayoutBlock[], nested = false): DocBlock[] {
    const out: DocBlock[] = [];
    const scope = this.topScope();
    for (const b of layout) {
      if (isBlockUse(b)) continue;
      if (b.shownWhen && !evaluateCondition(b.shownWhen, this.values)) continue;
      switch (b.type) {
        case 'nationalHeader':
          out.push({ kind: 'nationalHeader' });
          break;
        case 'agencyHeader':
          out.push({ kind: 'agencyHeader', agency: b.agency.map((line) => this.spans(line, scope)) });
          break;
        case 'title':
          out.push({ kind: 'title', text: b.text, lines: (b.lines ?? []).map((l) => this.spans(l, scope)) });
          break;
        case 'paragraph':
          out.push({
            kind: 'paragraph',
            spans: this.spans(b.runs, scope),
            align: b.align ?? 'left',
            indent: b.indent === true,
            bold: b.bold === true,
            italic: b.italic === true,
          });
          break;
        case 'labelValue': {
          const spans: Span[] = [];
          b.items.forEach((it, i) => {
            if (i > 0) spans.push({ text: '   ' });
            spans.push({ text: it.label });
            if (it.footnote) spans.push({ text: `(${it.footnote}) ` });
            spans.push(...this.valueSpans(it, scope));
          });
          out.push({ kind: 'paragraph', spans, align: 'left', indent: false, bold: false, italic: false });
          break;
        }
        case 'table': {
          const header = b.columns.some((c) => c.header !== undefined)
            ? b.columns.map((c): Span[] => [{ text: c.header ?? '', bold: true }])
            : null;
          let rows: Span[][][];
          if (b.group !== undefined) {
            const g = this.top.get(b.group);
            const rowScopeFields = new Map((g?.fields ?? []).map((f) => [f.key, f]));
            const data = getAt(this.values, b.group);
            const n = Array.isArray(data) && data.length > 0 ? data.length : (b.blankRows ?? 1);
            rows = [];
            for (let i = 0; i < n; i++) {
              const rowScope: Scope = { fields: rowScopeFields, base: `${b.group}[${i}].` };
              rows.push(b.columns.map((c) => this.spans(c.cell ?? [], rowScope, i + 1)));
            }
          } else {
            rows = (b.rows ?? []).map((row) => row.map((cell) => this.spans(cell, scope)));
          }
          out.push({
            kind: 'table',
            widths: b.columns.map((c) => c.width ?? 1),
            aligns: b.columns.map((c) => c.align ?? 'left'),
            header,
            rows,
          });
          break;
        }
        case 'checkboxes': {
          const field = this.top.get(b.value);
          const spans: Span[] = this.spans(b.label ?? [], scope);
          (field?.options ?? []).forEach((o, i) => {
            spans.push({ text: `${i > 0 ? ', ' : ''}${o.label} ` });
            spans.push(this.checkboxSpan(b.value, o.value, scope));
          });
          spans.push(...this.spans(b.after ?? [], scope));
          out.push({ kind: 'paragraph', spans, align: 'left', indent: false, bold: false, italic: false });
          break;
        }
        case 'signature':
          out.push({
            kind: 'signature',
            offset: !nested && b.columns.length === 1,
            columns: b.columns.map(
              (c): SignatureColumnModel => ({
                above: this.spans(c.above ?? [], scope),
                title: c.title,
                note: c.note ?? DEFAULT_SIGNATURE_NOTE,
                name: c.name
                  ? this.valueSpans({ value: c.name, blank: 1 }, scope).filter((s) => !s.blank)
                  : [],
              }),
            ),
          });
          break;
        case 'columns':
          out.push({
            kind: 'columns',
            widths: b.columns.map((c) => c.width ?? 1),
            columns: b.columns.map((c) => this.blocks(c.blocks, true)),
          });
          break;
        case 'footnotes':
          out.push({ kind: 'footnotes', title: b.title ?? null, items: b.items.map((i) => ({ ...i })) });
          break;
        case 'pageBreak':
          out.push({ kind: 'pageBreak' });
          break;
        case 'qr':
          out.push(this.qr(b));
          break;
        case 'spacer':
          out.push({ kind: 'spacer', size: b.size ?? 6 });
          break;
      }
    }
    return out;
  }
}

export function qrModules(text: string): QrModules {
  const q = createQr(text, { errorCorrectionLevel: 'M' });
  const size = q.modules.size;
  const rows: string[] = [];
  for (let y = 0; y < size; y++) {
    let row = '';
    for (let x = 0; x < size; x++) row += q.modules.get(y, x) ? '1' : '0';
    rows.push(row);
  }
  return { size, rows };
}

/**
 * Template + values → document model. `values` should be the normalised output of `validateValues`
 * (draft or not); anything else still builds (wrong shapes print as blanks), so a live preview never
 * breaks on what is being typed.
 */
export function buildDocument(
  template: FormTemplate,
  values: unknown,
  opts: BuildOptions = {},
): DocumentModel {
  const vals =
    typeof values === 'object' && values !== null && !Array.isArray(values)
      ? (values as Record<string, unknown>)
      : {};
  const builder = new Builder(template, vals);
  return {
    templateId: template.id,
    templateVersion: template.version,
    title: opts.title ?? template.title,
    fontSize: template.fontSize ?? 13,
    blocks: builder.blocks(template.layout),
  };
}
