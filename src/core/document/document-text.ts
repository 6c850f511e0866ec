import type { DocBlock, DocumentModel, Span } from './DocumentModel.ts';
import { QUOC_HIEU, TIEU_NGU } from './national-header.ts';

function line(spans: readonly Span[]): string {
  return spans.map((s) => s.text).join('');
}

function blockText(b: DocBlock): string[] {
  switch (b.kind) {
    case 'nationalHeader':
      return [QUOC_HIEU, TIEU_NGU];
    case 'agencyHeader':
      return [...b.agency.map(line), QUOC_HIEU, TIEU_NGU];
    case 'title':
      return [b.text, ...b.lines.map(line)];
    case 'paragraph':
      return [line(b.spans)];
    case 'table': {
      const rows = b.header ? [b.header, ...b.rows] : b.rows;
      return rows.map((r) => r.map(line).join(' | '));
    }
    case 'columns':
      return b.columns.flatMap((c) => c.flatMap(blockText));
    case 'signature':
      return b.columns.flatMap((c) => [line(c.above), c.title, c.note, line(c.name)].filter((s) => s !== ''));
    case 'footnotes':
      return [...(b.title ? [b.title] : []), ...b.items.map((i) => `${i.mark} ${i.text}`)];
    case 'qr':
      return b.caption ? [b.caption] : [];
    case 'pageBreak':
      return ['\f'];
    case 'spacer':
      return [];
  }
}

/** The document as plain text, one line per paragraph/row, for tests and search. */
export function documentText(doc: DocumentModel): string {
  return doc.blocks.flatMap(blockText).join('\n');
}
