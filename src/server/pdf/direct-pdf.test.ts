import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../../core/document/build-document.ts';
import type { DocBlock, DocumentModel } from '../../core/document/DocumentModel.ts';
import { validateValues } from '../../core/forms/validate-values.ts';
import { loadTemplateDir } from '../templates/load-templates.ts';
import { canRenderDirect, renderPdfDirect } from './direct-pdf.ts';
import { pdfToText } from './pdf-text.ts';
import { renderPdf, renderPdfWithPdfmake } from './render-pdf.ts';

const work = mkdtempSync(join(tmpdir(), 'kv-direct-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Grey page images of a PDF at 50 dpi (pdftoppm), one byte per pixel. */
function pages(pdf: Buffer, name: string): Buffer[] {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '50', '-gray', file, join(work, name)]);
  return readdirSync(work)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const data = readFileSync(join(work, f));
      // P5 header: magic, size, max value, then the pixels.
      let lines = 0;
      let i = 0;
      while (lines < 3) if (data[i++] === 0x0a) lines++;
      return data.subarray(i);
    });
}

function differing(a: Buffer, b: Buffer): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > 64) n++;
  return n;
}

const doc = (blocks: DocBlock[]): DocumentModel => ({
  templateId: 'thu',
  templateVersion: 1,
  title: 'Thử',
  fontSize: 13,
  blocks,
});

describe('the direct PDF renderer', () => {
  const { templates } = loadTemplateDir(join(import.meta.dirname, '../../../templates'));

  it('draws every shipped template as the pdfmake renderer does, page for page', async () => {
    for (const t of templates) {
      for (const [i, values] of [t.samples[0]!.values, {}].entries()) {
        const model = buildDocument(t, validateValues(t, values, { draft: true }).values);
        expect(canRenderDirect(model), t.id).toBe(true);
        const direct = pages(await renderPdfDirect(model), `${t.id}-${i}-direct`);
        const reference = pages(await renderPdfWithPdfmake(model), `${t.id}-${i}-pdfmake`);
        expect(direct.length, `${t.id}: pages`).toBe(reference.length);
        direct.forEach((page, p) => {
          // A few pixels of antialiasing at most: the same words at the same places.
          expect(differing(page, reference[p]!), `${t.id} sample ${i} page ${p + 1}`).toBeLessThan(20);
        });
      }
    }
  }, 180_000);

  it('continues a long table on the next pages with its header repeated', async () => {
    const rows = Array.from({ length: 90 }, (_, i) => [
      [{ text: `${i + 1}` }],
      [{ text: `Hàng số ${i + 1}` }],
    ]);
    const model = doc([
      {
        kind: 'table',
        widths: [1, 4],
        aligns: ['center', 'left'],
        header: [[{ text: 'STT' }], [{ text: 'Nội dung kê khai' }]],
        rows,
      },
    ]);
    const pdf = await renderPdfDirect(model);
    const perPage = pdfToText(pdf)
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(perPage.length).toBeGreaterThan(1);
    for (const p of perPage) expect(p).toContain('Nội dung kê khai');
    const text = perPage.join('\n');
    for (let i = 1; i <= 90; i++) expect(text).toContain(`Hàng số ${i}`);
  });

  it('prints a hostile value literally and cuts a word longer than the line as pdfmake does', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const long = 'X'.repeat(80);
    const model = doc([
      {
        kind: 'paragraph',
        spans: [{ text: 'Tên: ' }, { text: hostile, path: 'name' }, { text: ` ${long}` }],
        align: 'justify',
        indent: true,
        bold: false,
        italic: false,
      },
    ]);
    const text = pdfToText(await renderPdfDirect(model));
    expect(text.replace(/\s+/g, ' ')).toContain(`Tên: ${hostile}`);
    // Cut between characters onto the next line, so nothing runs off the page.
    expect(text.replace(/\s+/g, '')).toContain(long);
    expect(text).toBe(pdfToText(await renderPdfWithPdfmake(model)));
  });

  it('keeps each document its own text when words come from the caches shared by documents', async () => {
    const letters = (s: string) => s.normalize('NFC').replace(/\s+/g, '');
    const texts = [
      'Văn phòng office file của Nguyễn Văn Ấn',
      // A word with a letter outside the fixed glyph set, then the same words without it.
      'Nguyễn Łukasz office, Ấn',
      'Nguyễn Văn Ấn office file',
      // Decomposed marks (not NFC): shaped into other glyphs, or placed as marks.
      'Nguyễn Va\u0306n A\u0302\u0301n',
      'Nguyễn\u00a0Văn Ấn',
      'Văn phòng office file của Nguyễn Văn Ấn',
    ];
    for (const round of [1, 2]) {
      for (const [i, text] of texts.entries()) {
        const model = doc([
          {
            kind: 'paragraph',
            spans: [{ text }],
            align: 'left',
            indent: false,
            bold: i % 2 === 1,
            italic: false,
          },
        ]);
        const direct = pdfToText(await renderPdfDirect(model));
        expect(letters(direct), `round ${round}, document ${i}`).toBe(letters(text));
        expect(direct, `round ${round}, document ${i}`).toBe(pdfToText(await renderPdfWithPdfmake(model)));
      }
    }
  });

  it('leaves tables with auto widths and image QR codes to pdfmake', async () => {
    const auto = doc([
      {
        kind: 'table',
        widths: ['auto', 1],
        aligns: ['left', 'left'],
        header: null,
        rows: [[[{ text: 'a' }], [{ text: 'b' }]]],
      },
    ]);
    expect(canRenderDirect(auto)).toBe(false);
    expect(pdfToText(await renderPdf(auto))).toContain('a');
    const image = doc([
      {
        kind: 'qr',
        path: 'qr',
        size: 20,
        align: 'right',
        caption: 'Quét mã',
        content: {
          type: 'image',
          src: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        },
      },
    ]);
    expect(canRenderDirect(image)).toBe(false);
    expect(pdfToText(await renderPdf(image))).toContain('Quét mã');
  });
});
