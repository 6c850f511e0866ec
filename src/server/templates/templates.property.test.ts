import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../core/document/build-document.ts';
import { documentText } from '../../core/document/document-text.ts';
import { renderDocumentHtml } from '../../core/document/render-html.tsx';
import { type FieldDef, templateFields } from '../../core/forms/FormTemplate.ts';
import { validateValues } from '../../core/forms/validate-values.ts';
import { setAt } from '../../core/forms/value-path.ts';
import { renderPdf } from '../pdf/render-pdf.ts';
import { loadTemplateDir } from './load-templates.ts';

const { templates } = loadTemplateDir(join(import.meta.dirname, '../../../templates'));

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '\u202Eabc\u202C',
  '\u200F\u061C RTL',
  'a\u0000b',
  '👩‍👩‍👧 🇻🇳',
  'e\u0301\u0301\u0301\u0301',
  'x'.repeat(100_000),
  `${'Nguyễn '.repeat(3000)}`,
  '{{prefix}}',
  '__proto__',
  '15/13/2025',
  '-1',
  '1e308',
];

const junk: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...HOSTILE),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom('text', 'place', 'date', 'kind', 'number', 'name', 'count', 'code', '__proto__'),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

function allPaths(fields: FieldDef[]): string[] {
  return fields.flatMap((f) =>
    f.type === 'group' ? [f.key, ...(f.fields ?? []).map((s) => `${f.key}[0].${s.key}`)] : [f.key],
  );
}

/** Error paths must name a field: `documents[3].count` → the field `documents` and its `count`. */
function pathIsKnown(path: string, known: Set<string>): boolean {
  return known.has(path.replace(/\[\d+\]/g, '[0]')) || known.has(path.replace(/\[\d+\]$/, ''));
}

const mutated = (tIndex: number) =>
  fc.array(fc.tuple(fc.nat(), junk), { maxLength: 6 }).map((changes) => {
    const t = templates[tIndex]!;
    const paths = allPaths(templateFields(t));
    const values = structuredClone(t.samples[0]!.values) as Record<string, unknown>;
    for (const [i, v] of changes) setAt(values, paths[i % paths.length]!, v);
    return values;
  });

describe('random and hostile values against every template', () => {
  it('validation never throws and explains every rejection with a known path and a message', () => {
    templates.forEach((t, ti) => {
      const known = new Set(allPaths(templateFields(t)));
      fc.assert(
        fc.property(mutated(ti), fc.boolean(), (values, draft) => {
          const r = validateValues(t, values, { draft, today: '2025-06-20' });
          expect(r.ok).toBe(r.errors.length === 0);
          for (const e of r.errors) {
            expect(e.message.length).toBeGreaterThan(3);
            expect(pathIsKnown(e.path, known)).toBe(true);
          }
        }),
        { numRuns: 150 },
      );
    });
  });

  it('the HTML renderer never crashes and never lets a value become markup', () => {
    templates.forEach((t, ti) => {
      fc.assert(
        fc.property(mutated(ti), (values) => {
          const v = validateValues(t, values, { draft: true, today: '2025-06-20' });
          // Both the normalised and the raw values must render: the display may get either.
          for (const vals of [v.values, values]) {
            const html = renderDocumentHtml(buildDocument(t, vals), { page: false });
            expect(html).not.toMatch(/<(script|img|svg onload)/i);
            expect(documentText(buildDocument(t, vals)).length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 60 },
      );
    });
  });

  it('the PDF renderer never crashes on normalised draft values', async () => {
    for (const [ti, t] of templates.entries()) {
      await fc.assert(
        fc.asyncProperty(mutated(ti), async (values) => {
          const v = validateValues(t, values, { draft: true, today: '2025-06-20' });
          const pdf = await renderPdf(buildDocument(t, v.values));
          expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        }),
        { numRuns: 8 },
      );
    }
  });

  it('the PDF renderer survives a 100 kB unbroken value given raw (not validated)', async () => {
    const t = templates[0]!;
    const pdf = await renderPdf(buildDocument(t, { recipient: 'x'.repeat(100_000) }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
