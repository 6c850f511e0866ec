import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../core/document/build-document.ts';
import { DocumentView } from '../../core/document/DocumentView.tsx';
import { validateValues } from '../../core/forms/validate-values.ts';
import { loadTemplateDir } from '../../server/templates/load-templates.ts';
import { documentHtml } from './render-doc-html.ts';

const { templates } = loadTemplateDir('templates');

describe('the display renderer writes exactly the markup of DocumentView', () => {
  it('has templates to compare', () => {
    expect(templates.length).toBeGreaterThan(0);
  });

  for (const t of templates) {
    const cases: [string, Record<string, unknown>, string | null][] = [
      ['empty', {}, null],
      ...t.samples.map((s, i): [string, Record<string, unknown>, string | null] => [
        `sample ${i + 1}`,
        s.values,
        null,
      ]),
    ];
    const first = t.samples[0];
    if (first) cases.push(['sample with focus', first.values, Object.keys(first.values)[0] ?? null]);
    cases.push([
      'hostile text',
      { recipient: '<script>alert("x")</script> & \'q\'', child: { birthPlace: '<b>x</b>' } },
      'recipient',
    ]);
    it.each(cases)(`${t.id}: %s`, (_name, values, focus) => {
      const doc = buildDocument(t, validateValues(t, values, { draft: true }).values);
      const react = renderToStaticMarkup(createElement(DocumentView, { doc, focusPath: focus ?? undefined }));
      expect(documentHtml(doc, focus)).toBe(react);
    });
  }
});
