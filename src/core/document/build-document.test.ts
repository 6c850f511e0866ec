import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../forms/parse-template.ts';
import { validateValues } from '../forms/validate-values.ts';
import { buildDocument } from './build-document.ts';
import type { DocBlock, Span } from './DocumentModel.ts';
import { documentText } from './document-text.ts';
import { renderDocumentHtml } from './render-html.tsx';

const r = parseTemplate({
  id: 'thu',
  version: 3,
  title: 'Tờ khai thử',
  field: 'ho-tich',
  procedureCodes: [],
  legalBasis: 'Thử nghiệm',
  fields: [
    { key: 'name', type: 'text', label: 'Tên' },
    { key: 'born', type: 'date', label: 'Ngày sinh' },
    { key: 'bornWords', type: 'dateInWords', label: 'Bằng chữ', from: 'born' },
    { key: 'at', type: 'placeAndDate', label: 'Làm tại' },
    { key: 'fee', type: 'money', label: 'Lệ phí' },
    {
      key: 'items',
      type: 'group',
      label: 'Giấy tờ',
      fields: [{ key: 'n', type: 'text', label: 'Tên giấy tờ' }],
    },
  ],
  layout: [
    { type: 'title', text: 'TỜ KHAI THỬ' },
    { type: 'labelValue', items: [{ label: 'Tên: ', value: 'name', blank: 10, upper: true }] },
    { type: 'paragraph', runs: ['Sinh: ', { value: 'born' }, ' ghi bằng chữ: ', { value: 'bornWords' }] },
    { type: 'paragraph', runs: [{ value: 'at' }] },
    { type: 'paragraph', runs: ['Lệ phí: ', { value: 'fee' }] },
    {
      type: 'table',
      group: 'items',
      blankRows: 2,
      columns: [
        { header: 'STT', cell: [{ rowNumber: true }] },
        { header: 'Tên', cell: [{ value: 'n' }] },
      ],
    },
    { use: 'copyRequest' },
  ],
  samples: [{ name: 'rỗng', values: {} }],
});
if (!r.ok) throw new Error(JSON.stringify(r.issues));
const t = r.template;

function allSpans(blocks: DocBlock[]): Span[] {
  return blocks.flatMap((b) => {
    if (b.kind === 'paragraph') return b.spans;
    if (b.kind === 'table') return b.rows.flat(2);
    if (b.kind === 'columns') return b.columns.flatMap(allSpans);
    return [];
  });
}

describe('buildDocument', () => {
  it('prints values with their field path, dates in words, money in words, and the place-date line', () => {
    const v = validateValues(t, {
      name: 'trần a',
      born: '02062025',
      at: { place: 'Sa Đéc', date: '05/02/2025' },
      fee: 8000,
    });
    const doc = buildDocument(t, v.values);
    expect(doc).toMatchObject({ templateId: 'thu', templateVersion: 3, title: 'Tờ khai thử', fontSize: 13 });
    const text = documentText(doc);
    expect(text).toContain('Tên: TRẦN A');
    expect(text).toContain(
      'Sinh: 02/06/2025 ghi bằng chữ: Ngày mồng hai, tháng sáu, năm hai nghìn không trăm hai mươi lăm',
    );
    expect(text).toContain('Sa Đéc, ngày 05 tháng 02 năm 2025');
    expect(text).toContain('Lệ phí: 8.000 đồng (Tám nghìn đồng)');
    const spans = allSpans(doc.blocks);
    expect(spans.find((s) => s.text === 'TRẦN A')?.path).toBe('name');
    expect(spans.find((s) => s.text.startsWith('Ngày mồng hai'))?.path).toBe('bornWords');
  });

  it('prints empty values as dotted blanks, keeping the ngày … tháng … năm shape', () => {
    const doc = buildDocument(t, {});
    const text = documentText(doc);
    expect(text).toContain('Tên: ..........');
    expect(text).toContain('...................., ngày .... tháng .... năm ........');
    expect(
      allSpans(doc.blocks)
        .filter((s) => s.blank)
        .every((s) => s.path !== undefined),
    ).toBe(true);
  });

  it('gives group rows indexed paths and row numbers, with blank rows when empty', () => {
    const empty = buildDocument(t, {});
    const table = empty.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.length).toBe(2);
    const filled = buildDocument(t, {
      items: [{ n: 'Tờ khai' }, { n: 'Giấy chứng sinh' }, { n: 'Bản sao' }],
    });
    const spans = allSpans(filled.blocks);
    expect(spans.find((s) => s.text === 'Bản sao')?.path).toBe('items[2].n');
    expect(documentText(filled)).toContain('3 | Bản sao');
  });

  it('marks the chosen check box', () => {
    const doc = buildDocument(t, { copies: { wanted: 'khong' } });
    expect(documentText(doc)).toContain('Có ☐, Không ☒');
  });

  it('prints a hostile name literally in the HTML, never as markup', () => {
    const doc = buildDocument(t, { name: '<img src=x onerror=alert(1)>' });
    const html = renderDocumentHtml(doc, { page: false });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;IMG SRC=X ONERROR=ALERT(1)&gt;');
  });

  it('highlights the value being typed and tags every value with data-path', () => {
    const doc = buildDocument(t, { name: 'An' });
    const html = renderDocumentHtml(doc, { page: false, focusPath: 'name' });
    expect(html).toContain('class="kv-value kv-focus" data-path="name">AN</span>');
    expect(html).toContain('data-path="born"');
    expect(html.match(/kv-focus/g)).toHaveLength(1);
  });

  it('survives values of the wrong shape (a draft being typed)', () => {
    const doc = buildDocument(t, { name: { a: 1 }, born: 42, at: 'x', fee: 'nhiều', items: 'no' });
    expect(documentText(doc)).toContain('Tên: ..........');
  });
});
