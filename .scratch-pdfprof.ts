import { join } from 'node:path';
import { buildDocument } from './src/core/document/build-document.ts';
import { validateValues } from './src/core/forms/validate-values.ts';
import { renderPdf } from './src/server/pdf/render-pdf.ts';
import { loadTemplateDir } from './src/server/templates/load-templates.ts';
const { templates } = loadTemplateDir(join(process.cwd(), 'templates'));
const docs = templates.map((t) => buildDocument(t, validateValues(t, t.samples[0]!.values).values));
const N = Number(process.env.N ?? 20);
for (const d of docs) for (let i = 0; i < 3; i++) await renderPdf(d);
const times: number[] = [];
for (let r = 0; r < N; r++) for (const d of docs) { const t0 = performance.now(); await renderPdf(d); times.push(performance.now() - t0); }
times.sort((a, b) => a - b);
console.log('docs', docs.length, 'median', times[Math.floor(times.length / 2)]!.toFixed(2), 'min', times[0]!.toFixed(2), 'p90', times[Math.floor(times.length * 0.9)]!.toFixed(2));
