import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The first sample value set of a shipped template, as the officer would have typed it. */
export function sampleValues(field: string, templateId: string): Record<string, unknown> {
  const t = JSON.parse(readFileSync(resolve('templates', field, `${templateId}.json`), 'utf8')) as {
    samples: { values: Record<string, unknown> }[];
  };
  return structuredClone(t.samples[0]!.values);
}
