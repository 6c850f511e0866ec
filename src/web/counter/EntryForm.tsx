import { type KeyboardEvent, type ReactNode, useState } from 'react';
import type { AddressValue } from '../../core/api/addresses.ts';
import { ETHNIC_GROUPS } from '../../core/forms/ethnic-groups.ts';
import { type FieldDef, type FormTemplate, templateFields } from '../../core/forms/FormTemplate.ts';
import { FIELD_TYPE_SPECS, IDENTITY_DOCUMENT_KINDS } from '../../core/forms/field-types.ts';
import { getAt } from '../../core/forms/value-path.ts';
import { foldVietnamese } from '../../core/text/fold.ts';
import { AddressInput, formatAddress } from '../scan/AddressInput.tsx';
import { completionFor } from './completion.ts';
import type { FormSection } from './form-order.ts';

export interface EntryFormProps {
  template: FormTemplate;
  sections: FormSection[];
  values: Record<string, unknown>;
  /** Validation messages by value path (draft validation: type errors only). */
  errors: Map<string, string>;
  /** Messages the server gave when receiving (shown at once, without waiting for the field to be left). */
  serverErrors?: Map<string, string>;
  /** A line under a field, by field key: e.g. the address as printed on a scanned card. */
  notes?: Map<string, string>;
  onChange(path: string, value: unknown): void;
  onFocusField(key: string | null): void;
  onCopy(from: string, to: string): void;
  /** Values this desk often types in a box (plain text boxes only), offered as a completion. */
  suggest?(path: string): Promise<string[]>;
}

/**
 * A text box that completes from the desk's usual values: "Bệ" shows "↵ Bệnh viện Đa khoa Sa Đéc…",
 * and Enter takes it (and moves on, like every Enter in the form).
 */
function CompletingInput(props: {
  id: string;
  label: string;
  path: string;
  value: string;
  placeholder?: string;
  maxLength: number;
  suggest(path: string): Promise<string[]>;
  onChange(path: string, value: unknown): void;
  onFocus(): void;
}) {
  const [list, setList] = useState<string[] | null>(null);
  const completion = list ? completionFor(props.value, list) : undefined;
  const hintId = `${props.id}-complete`;
  return (
    <>
      <input
        id={props.id}
        aria-label={props.label}
        aria-describedby={completion ? hintId : undefined}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete="off"
        spellCheck={false}
        maxLength={props.maxLength}
        onChange={(e) => props.onChange(props.path, e.target.value)}
        onFocus={() => {
          props.onFocus();
          if (list === null)
            props
              .suggest(props.path)
              .then(setList)
              .catch(() => setList([]));
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && completion && !e.shiftKey && !e.altKey && !e.ctrlKey)
            props.onChange(props.path, completion);
        }}
      />
      {completion && (
        <span id={hintId} className="ef-complete">
          <kbd>Enter</kbd> {completion}
        </span>
      )}
    </>
  );
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** Digits typed for a full date become dd/mm/yyyy as they are typed ("15062025" → "15/06/2025"). */
export function maskDate(raw: string): string {
  if (/[^\d/]/.test(raw)) return raw;
  const d = raw.replace(/\D/g, '').slice(0, 8);
  if (raw.includes('/') && d.length < 8) return raw;
  if (d.length <= 2) return d;
  if (d.length <= 4) return `${d.slice(0, 2)}/${d.slice(2)}`;
  return `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
}

function errorFor(errors: Map<string, string>, key: string): string | undefined {
  for (const [p, m] of errors) if (p === key || p.startsWith(`${key}.`) || p.startsWith(`${key}[`)) return m;
  return undefined;
}

function Choice(props: {
  id: string;
  options: { value: string; label: string }[];
  value: unknown;
  multiple: boolean;
  onChange(v: unknown): void;
  onFocus(): void;
  label: string;
}) {
  const selected = props.multiple ? (Array.isArray(props.value) ? props.value : []) : [props.value];
  const pick = (v: string) => {
    if (!props.multiple) props.onChange(v);
    else props.onChange(selected.includes(v) ? selected.filter((x) => x !== v) : [...selected, v]);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= props.options.length) {
      e.preventDefault();
      pick(props.options[n - 1]!.value);
      return;
    }
    if (e.key === 'Backspace' || e.key === 'Delete') {
      e.preventDefault();
      props.onChange(null);
      return;
    }
    if (e.key.length === 1 && /\p{L}/u.test(e.key)) {
      const k = foldVietnamese(e.key);
      const matches = props.options.filter((o) => foldVietnamese(o.label).startsWith(k));
      if (matches.length === 0) return;
      e.preventDefault();
      // Pressing the same letter again moves to the next option with that letter.
      const at = matches.findIndex((o) => o.value === selected[0]);
      pick(matches[(at + 1) % matches.length]!.value);
    }
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a radio group takes its keys on the group (one tab stop).
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is radiogroup or group, both take a label.
    <div
      id={props.id}
      className="ef-choice"
      role={props.multiple ? 'group' : 'radiogroup'}
      aria-label={props.label}
      tabIndex={0}
      onKeyDown={onKey}
      onFocus={props.onFocus}
    >
      {props.options.map((o, i) => (
        // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is radio or checkbox, both are checked or not.
        <button
          key={o.value}
          type="button"
          tabIndex={-1}
          role={props.multiple ? 'checkbox' : 'radio'}
          aria-checked={selected.includes(o.value)}
          className={selected.includes(o.value) ? 'on' : ''}
          onClick={() => pick(o.value)}
        >
          <kbd>{i + 1}</kbd> {o.label}
        </button>
      ))}
    </div>
  );
}

function Widget(props: {
  field: FieldDef;
  path: string;
  focusKey: string;
  values: Record<string, unknown>;
  onChange(path: string, value: unknown): void;
  onFocusField(key: string | null): void;
  suggest?(path: string): Promise<string[]>;
}): ReactNode {
  const { field, path } = props;
  const value = getAt(props.values, path);
  const spec = FIELD_TYPE_SPECS[field.type];
  const id = `f-${path.replace(/[.[\]]/g, '_')}`;
  const focus = () => props.onFocusField(props.focusKey);
  const text = (p: string, placeholder?: string, mask?: (s: string) => string, label?: string) => (
    <input
      id={p === path ? id : `${id}-${p.slice(path.length + 1)}`}
      aria-label={label ?? field.label}
      value={str(getAt(props.values, p))}
      placeholder={placeholder}
      autoComplete="off"
      spellCheck={false}
      maxLength={field.maxLength ?? spec.maxLength ?? 500}
      onChange={(e) => props.onChange(p, mask ? mask(e.target.value) : e.target.value)}
      onFocus={focus}
    />
  );
  const dateMask = field.allowPartial ? undefined : maskDate;
  switch (spec.widget) {
    case 'textarea':
      return (
        <textarea
          id={id}
          aria-label={field.label}
          rows={3}
          value={str(value)}
          onChange={(e) => props.onChange(path, e.target.value)}
          onFocus={focus}
        />
      );
    case 'date':
      return text(
        path,
        field.allowPartial ? 'ngày/tháng/năm hoặc năm' : 'ngày tháng năm, gõ liền: 15062025',
        dateMask,
      );
    case 'dateTime':
      return text(path, 'giờ:phút ngày/tháng/năm');
    case 'radio':
    case 'checkboxes': {
      const options =
        field.type === 'gender'
          ? [
              { value: 'Nam', label: 'Nam' },
              { value: 'Nữ', label: 'Nữ' },
            ]
          : (field.options ?? []);
      return (
        <Choice
          id={id}
          label={field.label}
          options={options}
          value={value}
          multiple={field.multiple === true}
          onChange={(v) => props.onChange(path, v)}
          onFocus={focus}
        />
      );
    }
    case 'combobox': {
      const listId = `${id}-list`;
      const names = field.type === 'ethnicity' ? ETHNIC_GROUPS.map((g) => g.name) : ['Việt Nam'];
      return (
        <>
          <input
            id={id}
            aria-label={field.label}
            list={listId}
            value={str(value)}
            autoComplete="off"
            placeholder={str(field.default)}
            onChange={(e) => props.onChange(path, e.target.value)}
            onFocus={focus}
          />
          <datalist id={listId}>
            {names.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </>
      );
    }
    case 'identityDocument': {
      const kind = str(getAt(props.values, `${path}.kind`)) || 'cccd';
      return (
        <div className="ef-parts">
          <select
            id={`${id}-kind`}
            aria-label={`Loại giấy tờ — ${field.label}`}
            value={kind}
            onChange={(e) => props.onChange(`${path}.kind`, e.target.value)}
            onFocus={focus}
          >
            {Object.entries(IDENTITY_DOCUMENT_KINDS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
          {kind === 'khac' &&
            text(`${path}.kindText`, 'Tên giấy tờ', undefined, `Tên giấy tờ — ${field.label}`)}
          {text(`${path}.number`, 'Số', undefined, `Số giấy tờ — ${field.label}`)}
          {text(`${path}.issuedOn`, 'Ngày cấp', maskDate, `Ngày cấp — ${field.label}`)}
          {text(`${path}.issuer`, 'Nơi cấp', undefined, `Nơi cấp — ${field.label}`)}
        </div>
      );
    }
    case 'address': {
      const v: AddressValue =
        typeof value === 'string'
          ? { detail: value, text: value }
          : typeof value === 'object' && value !== null
            ? (value as AddressValue)
            : {};
      return (
        // biome-ignore lint/a11y/noStaticElementInteractions: focus bubbles up from the address's own boxes.
        <div className="ef-address" onFocus={focus}>
          <AddressInput
            id={id}
            value={v}
            onChange={(next) => {
              // Without a chosen commune the text is what was typed in the detail box.
              const text = next.commune ? formatAddress(next) : (next.detail ?? '');
              props.onChange(path, text ? { ...next, text } : null);
            }}
          />
        </div>
      );
    }
    case 'placeAndDate':
      return (
        <div className="ef-parts">
          {props.suggest ? (
            <span className="ef-stack">
              <CompletingInput
                id={`${id}-place`}
                label={`Địa danh — ${field.label}`}
                path={`${path}.place`}
                value={str(getAt(props.values, `${path}.place`))}
                placeholder="Địa danh"
                maxLength={200}
                suggest={props.suggest}
                onChange={props.onChange}
                onFocus={focus}
              />
            </span>
          ) : (
            text(`${path}.place`, 'Địa danh', undefined, `Địa danh — ${field.label}`)
          )}
          {text(`${path}.date`, 'Ngày: 15062025', maskDate, `Ngày — ${field.label}`)}
        </div>
      );
    case 'group': {
      const rows = Array.isArray(value) ? value : [];
      const n = Math.max(rows.length, 1);
      return (
        <div className="ef-group">
          {Array.from({ length: n }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a group row is its position (its value path has the index).
            <div key={i} className="ef-group-row">
              <span className="muted">{i + 1}.</span>
              {(field.fields ?? []).map((sub) => (
                // biome-ignore lint/a11y/noLabelWithoutControl: the control is the Widget inside.
                <label key={sub.key} className="ef-sub">
                  <span>{sub.label}</span>
                  <Widget
                    field={sub}
                    path={`${path}[${i}].${sub.key}`}
                    focusKey={props.focusKey}
                    values={props.values}
                    onChange={props.onChange}
                    onFocusField={props.onFocusField}
                  />
                </label>
              ))}
            </div>
          ))}
          <button type="button" onClick={() => props.onChange(`${path}[${n}]`, {})}>
            + Thêm dòng
          </button>
        </div>
      );
    }
    default:
      if (field.type === 'text' && props.suggest)
        return (
          <CompletingInput
            id={id}
            label={field.label}
            path={path}
            value={str(value)}
            placeholder={field.hint}
            maxLength={field.maxLength ?? spec.maxLength ?? 500}
            suggest={props.suggest}
            onChange={props.onChange}
            onFocus={focus}
          />
        );
      return text(path, field.hint);
  }
}

/** The entry form, generated from the template in the printed form's order; keyboard first. */
export function EntryForm(props: EntryFormProps) {
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const persons = props.sections.filter((s) => s.person);
  const allKeys = new Set(templateFields(props.template).map((f) => f.key));

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    // Enter moves on like Tab (except in a multi-line box), so the hands stay on the keyboard.
    if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey) return;
    const target = e.target as HTMLElement;
    if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return;
    e.preventDefault();
    const focusables = [
      ...e.currentTarget.querySelectorAll<HTMLElement>('input, select, textarea, [tabindex="0"]'),
    ].filter((el) => !el.hasAttribute('disabled'));
    const i = focusables.indexOf(target);
    focusables[i + 1]?.focus();
  };

  return (
    <form className="ef" onSubmit={(e) => e.preventDefault()} onKeyDown={onKeyDown} aria-label="Nhập tờ khai">
      {props.sections.map((s) => (
        <fieldset key={s.prefix} className="ef-section">
          {s.title && s.fields.length > 1 && (
            <legend>
              {s.title}
              {s.person && persons.length > 1 && (
                <select
                  className="ef-copy"
                  aria-label={`Sao chép thông tin vào ${s.title}`}
                  value=""
                  onChange={(e) => {
                    if (e.target.value) props.onCopy(e.target.value, s.prefix);
                  }}
                >
                  <option value="">Sao chép từ…</option>
                  {persons
                    .filter((p) => p.prefix !== s.prefix)
                    .map((p) => (
                      <option key={p.prefix} value={p.prefix}>
                        {p.title}
                        {str(getAt(props.values, `${p.prefix}.fullName`))
                          ? ` — ${str(getAt(props.values, `${p.prefix}.fullName`))}`
                          : ''}
                      </option>
                    ))}
                </select>
              )}
            </legend>
          )}
          {s.fields.map((f) => {
            const serverErr = props.serverErrors ? errorFor(props.serverErrors, f.key) : undefined;
            const err = serverErr ?? errorFor(props.errors, f.key);
            const show =
              err && (serverErr || touched.has(f.key) || f.type === 'date' || f.type === 'idNumber');
            const note = props.notes?.get(f.key);
            return (
              // biome-ignore lint/a11y/noStaticElementInteractions: blur bubbles up from the field's own controls.
              <div
                key={f.key}
                className={`ef-field${f.required ? ' req' : ''}`}
                data-key={f.key}
                onBlur={() => setTouched((t) => (t.has(f.key) ? t : new Set(t).add(f.key)))}
              >
                <span className="ef-label">
                  {f.label}
                  {f.required ? <b aria-hidden="true"> *</b> : null}
                </span>
                <Widget
                  field={f}
                  path={f.key}
                  focusKey={f.key}
                  values={props.values}
                  onChange={props.onChange}
                  onFocusField={props.onFocusField}
                  {...(props.suggest ? { suggest: props.suggest } : {})}
                />
                {note ? <span className="ef-note muted">{note}</span> : null}
                {show ? (
                  <span className="field-error" role="alert">
                    {err}
                  </span>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ))}
      {allKeys.size === 0 && <p className="muted">Mẫu đơn không có trường nhập.</p>}
    </form>
  );
}
