/**
 * DocumentModel → A4 PDF with pdfmake 0.3 (server API), Tinos embedded.
 * Page geometry and type sizes come from src/core/document/national-header.ts, shared with the HTML.
 */
import type { Column, Content, ContentCanvas, TableCell } from 'pdfmake/interfaces';
import type { DocBlock, DocumentModel, QrModules, Span } from '../../core/document/DocumentModel.ts';
import { PAGE_MM, QUOC_HIEU, TIEU_NGU, TYPE_SIZES } from '../../core/document/national-header.ts';
import { canRenderDirect, renderPdfDirect } from './direct-pdf.ts';
import { getPdfEngine } from './pdf-engine.ts';
import { LINE_HEIGHT } from './tinos.ts';

const MM = 72 / 25.4;
const mm = (x: number) => x * MM;

const widths = new Map<string, number>();

/** Width in points of `text` in Tinos at `size` (for rules under headings; the texts are fixed). */
function textWidth(text: string, size: number, bold: boolean): number {
  const key = `${size}|${bold ? 'b' : ''}|${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    w = getPdfEngine().measure(text, size, bold);
    if (widths.size < 1000) widths.set(key, w);
  }
  return w;
}

function inlines(spans: readonly Span[], size: number): Content[] {
  return spans.map((s): Content => {
    if (s.checkbox) {
      // Tinos has no ☐/☒; draw □ and, when checked, × over it: a negative character spacing pulls the
      // × back by half the widths of both glyphs so it lands centred in the box.
      if (s.checkbox === 'unchecked') return { text: '□' };
      const box = 0.604 * size;
      const cross = 0.564 * size;
      return { text: '□×', characterSpacing: -(box + cross) / 2 };
    }
    const out: { text: string; bold?: boolean; italics?: boolean } = { text: s.text };
    if (s.bold) out.bold = true;
    if (s.italic) out.italics = true;
    return out;
  });
}

function nationalHeader(): Content {
  const w = textWidth(TIEU_NGU, TYPE_SIZES.tieuNgu, true);
  return {
    stack: [
      { text: QUOC_HIEU, bold: true, fontSize: TYPE_SIZES.quocHieu, alignment: 'center' },
      { text: TIEU_NGU, bold: true, fontSize: TYPE_SIZES.tieuNgu, alignment: 'center' },
      // Nghị định 30/2020: a solid line under the Tiêu ngữ, as long as the line of text.
      {
        canvas: [{ type: 'line', x1: 0, y1: 0, x2: w, y2: 0, lineWidth: 0.75 }],
        alignment: 'center',
        margin: [0, 1, 0, 0],
      } as ContentCanvas,
    ],
    margin: [0, 0, 0, 10],
  };
}

function qrCanvas(modules: QrModules, sizePt: number): ContentCanvas['canvas'] {
  const quiet = 2;
  const unit = sizePt / (modules.size + quiet * 2);
  const shapes: ContentCanvas['canvas'] = [];
  modules.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; ) {
      if (row[x] !== '1') {
        x++;
        continue;
      }
      let end = x;
      while (row[end] === '1') end++;
      shapes.push({
        type: 'rect',
        x: (x + quiet) * unit,
        y: (y + quiet) * unit,
        w: (end - x) * unit,
        h: unit,
        color: '#000',
        lineWidth: 0,
      });
      x = end;
    }
  });
  return shapes;
}

function percentWidths(ws: readonly (number | 'auto')[]): string[] {
  const total = ws.reduce<number>((a, w) => a + (w === 'auto' ? 0 : w), 0) || 1;
  return ws.map((w) => (w === 'auto' ? 'auto' : `${((w / total) * 100).toFixed(3)}%`));
}

function blockContent(b: DocBlock, size: number): Content[] {
  switch (b.kind) {
    case 'nationalHeader':
      return [nationalHeader()];
    case 'agencyHeader': {
      const ruleW = mm(PAGE_MM.width - PAGE_MM.left - PAGE_MM.right) * 0.38 * 0.3;
      return [
        {
          columns: [
            {
              width: '38%',
              stack: [
                ...b.agency.map(
                  (line, i): Content => ({
                    text: inlines(line, TYPE_SIZES.agency),
                    fontSize: TYPE_SIZES.agency,
                    alignment: 'center',
                    bold: i === b.agency.length - 1,
                  }),
                ),
                {
                  canvas: [{ type: 'line', x1: 0, y1: 0, x2: ruleW, y2: 0, lineWidth: 0.75 }],
                  alignment: 'center',
                  margin: [0, 2, 0, 0],
                } as ContentCanvas,
              ],
            },
            { width: '*', stack: [nationalHeader()] },
          ],
          columnGap: mm(4),
          margin: [0, 0, 0, 10],
        },
      ];
    }
    case 'title':
      return [
        {
          text: b.text,
          bold: true,
          fontSize: TYPE_SIZES.title,
          alignment: 'center',
          margin: [0, 12, 0, b.lines.length === 0 ? 10 : 2],
        },
        ...b.lines.map(
          (line, i): Content => ({
            text: inlines(line, size),
            alignment: 'center',
            margin: [0, 0, 0, i === b.lines.length - 1 ? 10 : 2],
          }),
        ),
      ];
    case 'paragraph': {
      const p: Content = {
        text: inlines(b.spans, size),
        alignment: b.align,
        margin: [0, 0, 0, 3],
      };
      if (b.bold) p.bold = true;
      if (b.italic) p.italics = true;
      if (b.indent) p.leadingIndent = mm(10);
      return [p];
    }
    case 'table': {
      const body: TableCell[][] = [];
      if (b.header) {
        body.push(
          b.header.map((cell): TableCell => ({ text: inlines(cell, size), bold: true, alignment: 'center' })),
        );
      }
      for (const row of b.rows) {
        body.push(
          row.map((cell, c): TableCell => ({ text: inlines(cell, size), alignment: b.aligns[c] ?? 'left' })),
        );
      }
      return [
        {
          table: { widths: percentWidths(b.widths), body, headerRows: b.header ? 1 : 0, dontBreakRows: true },
          layout: {
            hLineWidth: () => 0.75,
            vLineWidth: () => 0.75,
            paddingLeft: () => 4,
            paddingRight: () => 4,
            paddingTop: () => 2,
            paddingBottom: () => 2,
          },
          margin: [0, 4, 0, 6],
        },
      ];
    }
    case 'columns': {
      const widths = percentWidths(b.widths);
      return [
        {
          columns: b.columns.map(
            (col, i): Column => ({
              width: widths[i] ?? '*',
              stack: col.flatMap((x) => blockContent(x, size)),
            }),
          ),
          columnGap: mm(4),
          margin: [0, 4, 0, 0],
        },
      ];
    }
    case 'signature': {
      const cols: Column[] = b.columns.map(
        (c): Column => ({
          width: '*',
          stack: [
            ...(c.above.length > 0
              ? [{ text: inlines(c.above, size), italics: true, margin: [0, 0, 0, 3] } as Content]
              : []),
            { text: c.title, bold: true },
            ...(c.note ? [{ text: c.note, italics: true } as Content] : []),
            { text: '', margin: [0, mm(22) - size * TYPE_SIZES.lineHeight, 0, 0] },
            { text: c.name.length > 0 ? inlines(c.name, size) : '', bold: true },
          ],
          alignment: 'center',
        }),
      );
      if (b.offset) cols.unshift({ width: '*', text: '' });
      return [{ columns: cols, margin: [0, 6, 0, 0] }];
    }
    case 'footnotes':
      return [
        {
          stack: [
            ...(b.title ? [{ text: b.title, bold: true } as Content] : []),
            ...b.items.map((it): Content => ({ text: `${it.mark} ${it.text}`, margin: [0, 0, 0, 2] })),
          ],
          fontSize: TYPE_SIZES.footnote,
          margin: [0, 10, 0, 0],
        },
      ];
    case 'qr': {
      const sizePt = mm(b.size);
      const c = b.content;
      const graphic: Content =
        c === null
          ? { text: '', margin: [0, sizePt, 0, 0] }
          : c.type === 'image'
            ? { image: c.src, width: sizePt, height: sizePt, alignment: b.align }
            : ({ canvas: qrCanvas(c.modules, sizePt), alignment: b.align } as ContentCanvas);
      return [
        {
          stack: [
            graphic,
            ...(b.caption ? [{ text: b.caption, fontSize: 10, alignment: b.align } as Content] : []),
          ],
          margin: [0, 4, 0, 4],
        },
      ];
    }
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' }];
    case 'spacer':
      return [{ text: '', margin: [0, b.size, 0, 0] }];
  }
}

export interface RenderPdfOptions {
  /** Compress page streams (default true: a 2-page form is ~10× smaller; costs little). */
  compress?: boolean;
}

/**
 * Renders a document model to an A4 PDF: with direct-pdf.ts when it can draw every block (it draws
 * them like this module, several times faster), otherwise with pdfmake.
 */
export async function renderPdf(doc: DocumentModel, opts: RenderPdfOptions = {}): Promise<Buffer> {
  if (canRenderDirect(doc)) return renderPdfDirect(doc, opts);
  return renderPdfWithPdfmake(doc, opts);
}

/** The pdfmake renderer: the reference the direct one is compared with, and the fallback. */
export async function renderPdfWithPdfmake(doc: DocumentModel, opts: RenderPdfOptions = {}): Promise<Buffer> {
  const content = doc.blocks.flatMap((b) => blockContent(b, doc.fontSize));
  return getPdfEngine().render({
    info: { title: doc.title, creator: 'Không Viết', producer: 'Không Viết (pdfmake)' },
    pageSize: 'A4',
    pageMargins: [mm(PAGE_MM.left), mm(PAGE_MM.top), mm(PAGE_MM.right), mm(PAGE_MM.bottom)],
    defaultStyle: { font: 'Tinos', fontSize: doc.fontSize, lineHeight: LINE_HEIGHT },
    compress: opts.compress ?? true,
    content,
  });
}
