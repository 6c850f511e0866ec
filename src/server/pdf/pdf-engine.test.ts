import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../core/document/build-document.ts';
import type { DocumentModel } from '../../core/document/DocumentModel.ts';
import { renderDocumentHtml } from '../../core/document/render-html.tsx';
import { validateValues } from '../../core/forms/validate-values.ts';
import { loadTemplateDir } from '../templates/load-templates.ts';
import { htmlToText, parityWords, pdfToText } from './pdf-text.ts';
import { renderPdf, renderPdfWithPdfmake } from './render-pdf.ts';

/** A one-paragraph document: the whole text layer is this text. */
function textDoc(text: string, bold = false): DocumentModel {
  return {
    templateId: 'thu',
    templateVersion: 1,
    title: 'Thử',
    fontSize: 13,
    blocks: [{ kind: 'paragraph', align: 'left', indent: false, bold, italic: false, spans: [{ text }] }],
  };
}

// pdftotext may drop the space between one-letter words; letters and their order are what must match.
const letters = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

// Every vowel with every tone, in both cases, and đ/Đ: each document uses a different part, so a glyph
// numbered in one document's subset would be read with another document's ToUnicode map if any leaked.
const VOWELS = 'aăâeêioôơuưy';
const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const ALL = [...VOWELS].flatMap((v) => TONES.map((t) => `${v}${t}`.normalize('NFC')));
const LOWER = `${ALL.join(' ')} đ`;
const UPPER = LOWER.toLocaleUpperCase('vi');

describe('the PDF engine shares parsed fonts between documents, not their text layers', () => {
  it('extracts exactly the text of each document, whatever was rendered before', async () => {
    const sequence = [
      'NGÀY MỒNG HAI, THÁNG SÁU, NĂM HAI NGHÌN',
      UPPER,
      'SÁU',
      LOWER,
      'Sáu sấu sậu SẬU SÂU sầu',
      'SÁU',
      UPPER,
      'Đặng Thị Ánh Tuyết — Ủy ban nhân dân phường Sa Đéc',
      // Letters outside the fixed Vietnamese glyph set: this document grows its own subset.
      'Łukasz Żółć Ślązak, Ωμέγα Άλφα, Ярослав — và Nguyễn Văn Ấn',
      LOWER,
      'Ørsted Œuvre — Phạm Thị Ơn',
      UPPER,
    ];
    for (const [i, text] of sequence.entries()) {
      // Both renderers share the fonts: alternate them, and the styles.
      const render = i % 3 === 0 ? renderPdfWithPdfmake : renderPdf;
      const pdf = await render(textDoc(text, i % 2 === 1));
      expect(letters(pdfToText(pdf)), `document ${i}: ${text}`).toBe(letters(text));
    }
  });

  it('keeps the text layer right when documents are rendered at the same time', async () => {
    const texts = [UPPER, LOWER, 'SÁU', 'Nguyễn Văn Ấn', UPPER, 'ỹ ỵ ỷ ỳ ý'];
    const pdfs = await Promise.all(texts.map((t) => renderPdf(textDoc(t))));
    pdfs.forEach((pdf, i) => {
      expect(letters(pdfToText(pdf)), texts[i]).toBe(letters(texts[i]!));
    });
  });

  it('renders every template the same in PDF as in HTML, forwards and then backwards', async () => {
    const { templates } = loadTemplateDir(join(import.meta.dirname, '../../../templates'));
    const docs = templates.map((t) => buildDocument(t, validateValues(t, t.samples[0]!.values).values));
    for (const doc of [...docs, ...docs.reverse()]) {
      const pdfWords = parityWords(pdfToText(await renderPdf(doc)));
      expect(pdfWords, doc.templateId).toEqual(parityWords(htmlToText(renderDocumentHtml(doc))));
    }
  }, 120_000);
});
