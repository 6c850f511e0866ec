import type { ReactNode } from 'react';
import { ApiError } from './api.ts';

export interface FormErrors {
  message: string | null;
  byField: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { message: null, byField: {} };

export function toFormErrors(err: unknown): FormErrors {
  if (err instanceof ApiError) {
    const byField: Record<string, string> = {};
    for (const e of err.errors ?? []) byField[e.path] ??= e.message;
    if (err.field && !byField[err.field]) byField[err.field] = err.message;
    return { message: err.message, byField };
  }
  return { message: 'Đã có lỗi, vui lòng thử lại', byField: {} };
}

export function Field(props: { label: string; name: string; errors: FormErrors; children: ReactNode }) {
  const error = props.errors.byField[props.name];
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children.
    <label className="field">
      <span>{props.label}</span>
      {props.children}
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}

export function Alert(props: { errors: FormErrors; ok?: string | null }) {
  if (props.errors.message) {
    return (
      <div className="alert error" role="alert">
        {props.errors.message}
      </div>
    );
  }
  if (props.ok) {
    return (
      <div className="alert ok" role="status">
        {props.ok}
      </div>
    );
  }
  return null;
}
