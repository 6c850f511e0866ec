import { getPdfEngine } from './src/server/pdf/pdf-engine.ts';
import { join } from 'node:path';
import { buildDocument } from './src/core/document/build-document.ts';
import { validateValues } from './src/core/forms/validate-values.ts';
import { loadTemplateDir } from './src/server/templates/load-templates.ts';
const { templates } = loadTemplateDir(join(process.cwd(), 'templates'));
const t = templates.find((x) => x.id === 'xac-nhan-tinh-trang-hon-nhan')!;
const doc = buildDocument(t, validateValues(t, {}, { draft: true }).values);
for (const b of doc.blocks) if (b.kind === 'paragraph' && JSON.stringify(b).includes('Quan hệ')) {
  console.log(JSON.stringify(b.spans));
  const e = getPdfEngine();
  const all = b.spans.map((s) => s.text).join('');
  console.log('total', e.measure(all, 13, false), 'avail', 595.2756 - 45 * 72 / 25.4);
}
