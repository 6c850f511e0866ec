/**
 * PDF render time per template (warm, sample values) next to Chromium's print-to-PDF of the same
 * HTML, measured in the same run.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildDocument } from '../src/core/document/build-document.ts';
import { renderDocumentHtml } from '../src/core/document/render-html.tsx';
import { validateValues } from '../src/core/forms/validate-values.ts';
import { renderPdf } from '../src/server/pdf/render-pdf.ts';
import { loadTemplateDir } from '../src/server/templates/load-templates.ts';
import { type BenchResults, percentile, round } from './bench-types.ts';

const RUNS = 30;
const WARMUP = 5;

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

export async function run(): Promise<BenchResults> {
  const { templates, errors } = loadTemplateDir(join(import.meta.dirname, '../templates'));
  if (errors.length > 0) throw new Error(`template errors: ${JSON.stringify(errors.slice(0, 3))}`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const rows: { id: string; med: number; p95: number; cMed: number; cP95: number; pages: string }[] = [];
  try {
    const page = await browser.newPage();
    for (const t of templates) {
      const v = validateValues(t, t.samples[0]!.values);
      const doc = buildDocument(t, v.values);
      const html = renderDocumentHtml(doc);
      const pdf = await time(() => renderPdf(doc));
      const chrome = await time(async () => {
        await page.setContent(html);
        await page.pdf({ format: 'A4' });
      });
      const bytes = (await renderPdf(doc)).length;
      rows.push({
        id: t.id,
        med: percentile(pdf, 50),
        p95: percentile(pdf, 95),
        cMed: percentile(chrome, 50),
        cP95: percentile(chrome, 95),
        pages: `${Math.round(bytes / 1024)} kB`,
      });
    }
  } finally {
    await browser.close();
  }
  console.log(
    '\n| template | PDF median ms | p95 | chromium median ms | p95 | speed-up | pdf size |\n|---|---|---|---|---|---|---|',
  );
  for (const r of rows) {
    console.log(
      `| ${r.id} | ${round(r.med)} | ${round(r.p95)} | ${round(r.cMed)} | ${round(r.cP95)} | ${round(r.cMed / r.med, 1)}× | ${r.pages} |`,
    );
  }
  const worst = rows.reduce((a, b) => (b.med > a.med ? b : a));
  const slowestRatio = Math.min(...rows.map((r) => r.cMed / r.med));
  return {
    'pdf.render_ms_median': { value: round(worst.med), unit: 'ms', baseline: round(worst.cMed) },
    'pdf.speedup_vs_chromium': { value: round(slowestRatio, 2), unit: 'x', baseline: 1 },
  };
}
