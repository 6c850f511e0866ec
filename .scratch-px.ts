import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from './src/core/document/build-document.ts';
import { validateValues } from './src/core/forms/validate-values.ts';
import { renderPdf } from './src/server/pdf/render-pdf.ts';
import { loadTemplateDir } from './src/server/templates/load-templates.ts';
const out = process.argv[2]!; mkdirSync(out, { recursive: true });
const { templates } = loadTemplateDir(join(process.cwd(), 'templates'));
for (const t of templates) {
  const doc = buildDocument(t, validateValues(t, t.samples[0]!.values).values);
  await renderPdf(doc); // warm: a second render must equal a first
  writeFileSync(join(out, `${t.id}.pdf`), await renderPdf(doc));
  const empty = buildDocument(t, validateValues(t, {}, { draft: true }).values);
  writeFileSync(join(out, `${t.id}-empty.pdf`), await renderPdf(empty));
}
