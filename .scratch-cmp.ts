import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from './src/core/document/build-document.ts';
import { renderDocumentHtml } from './src/core/document/render-html.tsx';
import { validateValues } from './src/core/forms/validate-values.ts';
import { renderPdf } from './src/server/pdf/render-pdf.ts';
import { renderPdfDirect, canRenderDirect } from './src/server/pdf/direct-pdf.ts';
import { htmlToText, parityWords, pdfToText } from './src/server/pdf/pdf-text.ts';
import { loadTemplateDir } from './src/server/templates/load-templates.ts';
const out = '/tmp/cmp'; mkdirSync(out, { recursive: true });
const { templates } = loadTemplateDir(join(process.cwd(), 'templates'));
for (const t of templates) {
  for (const [suffix, values, draft] of [['', t.samples[0]!.values, false], ['-empty', {}, true]] as const) {
    const doc = buildDocument(t, validateValues(t, values, { draft }).values);
    const a = await renderPdf(doc); const b = await renderPdfDirect(doc);
    writeFileSync(join(out, `${t.id}${suffix}-pm.pdf`), a); writeFileSync(join(out, `${t.id}${suffix}-dx.pdf`), b);
    const hw = parityWords(htmlToText(renderDocumentHtml(doc))); const bw = parityWords(pdfToText(b));
    const same = JSON.stringify(hw) === JSON.stringify(bw);
    if (!same) { const hs = new Set(hw), bs = new Set(bw); console.log('PARITY', t.id+suffix, 'missing', hw.filter(w=>!bs.has(w)).slice(0,8), 'extra', bw.filter(w=>!hs.has(w)).slice(0,8), hw.length, bw.length); }
    else console.log('ok', t.id+suffix, canRenderDirect(doc), a.length, b.length);
  }
}
