import { buildDocument } from '../../../core/document/build-document.ts';
import type { DocumentModel } from '../../../core/document/DocumentModel.ts';
import type { FormTemplate } from '../../../core/forms/FormTemplate.ts';
import { type ValidationError, validateValues } from '../../../core/forms/validate-values.ts';
import { HttpError } from '../../http/errors.ts';

export const INVALID_VALUES_MESSAGE = 'Thông tin trên tờ khai chưa hợp lệ';

/** A 422 that lists every field's path and Vietnamese message. */
export function invalidValues(errors: ValidationError[]): HttpError {
  const first = errors[0];
  return new HttpError(
    422,
    first ? `${INVALID_VALUES_MESSAGE}: ${first.message}` : INVALID_VALUES_MESSAGE,
    first?.path,
    errors.map((e) => ({ path: e.path, message: e.message })),
  );
}

/**
 * Validates values against a template and builds the document. A draft renders with dotted blanks
 * for what is missing; a final render refuses invalid values.
 */
export function documentFor(template: FormTemplate, values: unknown, draft: boolean): DocumentModel {
  const result = validateValues(template, values, { draft });
  if (!draft && !result.ok) throw invalidValues(result.errors);
  return buildDocument(template, result.values);
}
