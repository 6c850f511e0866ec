import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProcedureInput } from '../../core/api/procedures.ts';
import { loadTemplateDir } from './load-templates.ts';

const root = join(import.meta.dirname, '../../..');
const catalogue = z
  .array(ProcedureInput)
  .parse(JSON.parse(readFileSync(join(root, 'catalogue/procedures.json'), 'utf8')));
const templates = new Map(loadTemplateDir(join(root, 'templates')).templates.map((t) => [t.id, t]));

describe('the procedure catalogue', () => {
  it('has one entry per national procedure code', () => {
    const codes = catalogue.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  for (const e of catalogue) {
    it(`${e.code} (${e.name}) points to a shipped template of its field that serves its code`, () => {
      const t = templates.get(e.templateId);
      expect(t, `no template ${e.templateId}`).toBeDefined();
      expect(t?.field).toBe(e.field);
      expect(t?.procedureCodes).toContain(e.code);
    });
  }

  it('covers at least 12 templates across at least 4 fields', () => {
    const used = new Set(catalogue.map((e) => e.templateId));
    const fields = new Set(catalogue.map((e) => e.field));
    expect(used.size).toBeGreaterThanOrEqual(12);
    expect(fields.size).toBeGreaterThanOrEqual(4);
  });
});
