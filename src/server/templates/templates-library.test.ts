import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../core/document/build-document.ts';
import { documentText } from '../../core/document/document-text.ts';
import { renderDocumentHtml } from '../../core/document/render-html.tsx';
import { parseTemplate } from '../../core/forms/parse-template.ts';
import { validateValues } from '../../core/forms/validate-values.ts';
import { htmlToText, parityWords, pdfToText } from '../pdf/pdf-text.ts';
import { renderPdf } from '../pdf/render-pdf.ts';
import { loadTemplateDir } from './load-templates.ts';

const root = join(import.meta.dirname, '../../..');
const loaded = loadTemplateDir(join(root, 'templates'));

describe('the template library', () => {
  it('loads every template file without errors', () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.templates.length).toBeGreaterThanOrEqual(4);
  });

  it('ships the four first forms', () => {
    const ids = loaded.templates.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['khai-sinh', 'ket-hon', 'khai-tu', 'giay-tiep-nhan']));
  });

  for (const t of loaded.templates) {
    describe(t.id, () => {
      it('cites its legal basis and says what is unconfirmed', () => {
        expect(t.legalBasis.length).toBeGreaterThan(10);
        expect(t.notes.length).toBeGreaterThan(0);
      });

      for (const sample of t.samples) {
        it(`validates sample "${sample.name}" and renders it the same in HTML and PDF`, async () => {
          const v = validateValues(t, sample.values);
          expect(v.errors).toEqual([]);
          const doc = buildDocument(t, v.values);
          expect(documentText(doc)).toContain(t.title.toUpperCase());
          const html = renderDocumentHtml(doc);
          const pdf = await renderPdf(doc);
          expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
          const pdfWords = parityWords(pdfToText(pdf));
          const htmlWords = parityWords(htmlToText(html));
          expect(pdfWords).toEqual(htmlWords);
        });
      }

      it('renders with every value empty (a fresh draft) the same in HTML and PDF', async () => {
        const doc = buildDocument(t, validateValues(t, {}, { draft: true }).values);
        const pdfWords = parityWords(pdfToText(await renderPdf(doc)));
        expect(pdfWords).toEqual(parityWords(htmlToText(renderDocumentHtml(doc))));
      });
    });
  }
});

describe('docs/TEMPLATES.md', () => {
  it('has a worked example that loads and whose sample validates', () => {
    const md = readFileSync(join(root, 'docs/TEMPLATES.md'), 'utf8');
    const block = /## Worked example[\s\S]*?```json\n([\s\S]*?)```/.exec(md);
    expect(block).not.toBeNull();
    const parsed = parseTemplate(JSON.parse(block![1]!));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const t = parsed.template;
    const v = validateValues(t, t.samples[0]!.values);
    expect(v.errors).toEqual([]);
    const text = documentText(buildDocument(t, v.values));
    expect(text).toContain('Họ, chữ đệm, tên: TRẦN THỊ B');
    expect(text).toContain('Sa Đéc, ngày 05 tháng 02 năm 2025');
  });
});
