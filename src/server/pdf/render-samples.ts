/**
 * Renders every template's first sample to PDF and HTML in a folder, to look at them:
 *   npx tsx src/server/pdf/render-samples.ts /tmp/out [template-id...]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from '../../core/document/build-document.ts';
import { renderDocumentHtml } from '../../core/document/render-html.tsx';
import { validateValues } from '../../core/forms/validate-values.ts';
import { loadTemplateDir } from '../templates/load-templates.ts';
import { renderPdf } from './render-pdf.ts';

const [outDir = '/tmp/kv-samples', ...only] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const { templates, errors } = loadTemplateDir(join(import.meta.dirname, '../../../templates'));
for (const e of errors) console.error(`${e.file} ${e.path}: ${e.message}`);
for (const t of templates) {
  if (only.length > 0 && !only.includes(t.id)) continue;
  const sample = t.samples[0]!;
  const v = validateValues(t, sample.values, { draft: true });
  const doc = buildDocument(t, v.values);
  writeFileSync(join(outDir, `${t.id}.html`), renderDocumentHtml(doc));
  writeFileSync(join(outDir, `${t.id}.pdf`), await renderPdf(doc));
  console.log(`${t.id}: ${outDir}/${t.id}.pdf`);
}
