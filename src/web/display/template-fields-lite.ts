/**
 * The two helpers of src/core/forms/FormTemplate.ts that the document builder and the validator call at
 * run time, without the zod schemas that file also defines (zod alone would triple the display bundle).
 * vite.config.ts points those two modules' import of FormTemplate.ts here. Same code as the original.
 */
import type { BlockUse, FieldDef, FormTemplate } from '../../core/forms/FormTemplate.ts';

export type { BlockUse, FieldDef, FormTemplate };

export function isBlockUse(x: unknown): x is BlockUse {
  return typeof x === 'object' && x !== null && 'use' in x;
}

export function templateFields(t: FormTemplate): FieldDef[] {
  return t.fields.filter((f): f is FieldDef => !isBlockUse(f));
}
