import { type ChangeEvent, useEffect, useMemo, useState } from 'react';
import { FIELD_LABELS } from '../../core/api/procedures.ts';
import { buildDocument } from '../../core/document/build-document.ts';
import { DocumentView } from '../../core/document/DocumentView.tsx';
import { documentCss } from '../../core/document/document-css.ts';
import type { FormTemplate } from '../../core/forms/FormTemplate.ts';
import { validateValues } from '../../core/forms/validate-values.ts';
import { ApiError, api } from '../ui/api.ts';
import { useApi } from '../ui/useApi.ts';
import './templates-admin.css';

interface TemplateSummary {
  id: string;
  version: number;
  title: string;
  field: string;
  procedureCodes: string[];
}

interface VersionRow {
  version: number;
  source: string;
  createdAt: string;
}

interface ImportOutcome {
  ok: string | null;
  message: string | null;
  errors: { path: string; message: string }[];
}

const NO_OUTCOME: ImportOutcome = { ok: null, message: null, errors: [] };

const SOURCE_LABELS: Record<string, string> = { file: 'tệp gốc', import: 'nhập' };

function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

function dateVi(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
}

function TemplateList(props: {
  templates: TemplateSummary[];
  selected: string | null;
  onSelect(id: string): void;
}) {
  const byField = useMemo(() => {
    const groups = new Map<string, TemplateSummary[]>();
    for (const t of props.templates) groups.set(t.field, [...(groups.get(t.field) ?? []), t]);
    return [...groups.entries()].sort((a, b) => fieldLabel(a[0]).localeCompare(fieldLabel(b[0]), 'vi'));
  }, [props.templates]);
  return (
    <nav className="panel tpl-list" aria-label="Danh sách mẫu đơn">
      {byField.map(([field, list]) => (
        <section key={field} aria-label={fieldLabel(field)}>
          <h2>{fieldLabel(field)}</h2>
          <ul>
            {list.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  aria-pressed={props.selected === t.id}
                  onClick={() => props.onSelect(t.id)}
                >
                  <span>{t.title}</span>
                  <span className="tpl-meta">
                    {t.id} · v{t.version}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}

/** The HTML renderer with the sample values, exactly what the officer and the citizen's display show. */
function HtmlPreview(props: { template: FormTemplate; sample: number }) {
  const doc = useMemo(() => {
    const values = props.template.samples[props.sample]?.values ?? {};
    return buildDocument(props.template, validateValues(props.template, values, { draft: true }).values);
  }, [props.template, props.sample]);
  return (
    <div className="tpl-html">
      <div className="tpl-zoom">
        <DocumentView doc={doc} />
      </div>
    </div>
  );
}

function ImportButton(props: {
  onImported(id: string, version: number): void;
  onOutcome(o: ImportOutcome): void;
}) {
  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    let definition: unknown;
    try {
      definition = JSON.parse(await file.text());
    } catch {
      props.onOutcome({ ...NO_OUTCOME, message: `Tệp ${file.name} không phải JSON hợp lệ` });
      return;
    }
    try {
      const res = await api<{ id: string; version: number }>('POST', '/api/templates/import', definition);
      props.onOutcome({ ...NO_OUTCOME, ok: `Đã nhập mẫu ${res.id}, phiên bản ${res.version}` });
      props.onImported(res.id, res.version);
    } catch (err) {
      if (err instanceof ApiError)
        props.onOutcome({ ok: null, message: `Không nhập được ${file.name}`, errors: err.errors ?? [] });
      else props.onOutcome({ ...NO_OUTCOME, message: 'Đã có lỗi, vui lòng thử lại' });
    }
  }
  return (
    <label className="button primary shrink tpl-import">
      Nhập mẫu từ tệp JSON…
      <input type="file" accept=".json,application/json" onChange={(e) => void pick(e)} />
    </label>
  );
}

function ImportResult(props: { outcome: ImportOutcome }) {
  const { ok, message, errors } = props.outcome;
  if (ok)
    return (
      <div className="alert ok" role="status">
        {ok}
      </div>
    );
  if (!message) return null;
  return (
    <div className="alert error" role="alert">
      <div>{message}</div>
      {errors.length > 0 && (
        <table className="tpl-errors" aria-label="Lỗi theo vị trí">
          <thead>
            <tr>
              <th>Vị trí</th>
              <th>Lỗi</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e) => (
              <tr key={`${e.path}|${e.message}`}>
                <td>
                  <code>{e.path || '(gốc)'}</code>
                </td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function TemplateDetail(props: {
  id: string;
  wantVersion: number | null;
  onVersion(v: number | null): void;
}) {
  const { data: versions } = useApi<VersionRow[]>(`/api/templates/${props.id}/versions`);
  const query = props.wantVersion ? `?version=${props.wantVersion}` : '';
  const { data: template, error } = useApi<FormTemplate>(`/api/templates/${props.id}${query}`);
  const [sample, setSample] = useState(0);
  const latest = versions?.[0]?.version;
  // A stale template (the previous selection) must not be previewed under the new heading.
  const shown = template && template.id === props.id ? template : undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new template or version starts at its first sample.
  useEffect(() => setSample(0), [props.id, props.wantVersion]);

  if (error) return <div className="alert error">{error}</div>;
  if (!shown) return <p className="muted">Đang tải…</p>;
  const pdfUrl = `/api/templates/${shown.id}/samples/${sample}/render?format=pdf&version=${shown.version}`;
  return (
    <section className="tpl-detail" aria-label="Mẫu đơn đang xem">
      <div className="panel tpl-head">
        <div className="tpl-title">
          <h2>{shown.title}</h2>
          <div className="muted">
            {fieldLabel(shown.field)} · mã <code>{shown.id}</code> · thủ tục{' '}
            {shown.procedureCodes.join(', ') || '—'}
          </div>
          <div className="muted tpl-legal">{shown.legalBasis}</div>
        </div>
        <div className="tpl-actions">
          <label className="field">
            <span>Phiên bản</span>
            <select
              aria-label="Phiên bản"
              value={shown.version}
              onChange={(e) => {
                const v = Number(e.target.value);
                props.onVersion(v === latest ? null : v);
              }}
            >
              {(versions ?? [{ version: shown.version, source: '', createdAt: '' }]).map((v) => (
                <option key={v.version} value={v.version}>
                  {`v${v.version}${v.version === latest ? ' (mới nhất)' : ''} · ${SOURCE_LABELS[v.source] ?? v.source} ${dateVi(v.createdAt)}`}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Bộ giá trị mẫu</span>
            <select
              aria-label="Bộ giá trị mẫu"
              value={sample}
              onChange={(e) => setSample(Number(e.target.value))}
            >
              {shown.samples.map((s, i) => (
                <option key={s.name} value={i}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <a
            className="button shrink"
            href={`/api/templates/${shown.id}/export?version=${shown.version}`}
            download={`${shown.id}-v${shown.version}.json`}
          >
            Xuất JSON
          </a>
        </div>
        {shown.version !== latest && latest !== undefined && (
          <div className="alert tpl-old" role="note">
            Đang xem phiên bản cũ v{shown.version}. Hồ sơ lập bằng phiên bản này vẫn in theo đúng phiên bản
            này.
          </div>
        )}
      </div>
      <div className="tpl-panes">
        <section className="panel" aria-label="Xem trên màn hình">
          <h2>Trên màn hình (HTML)</h2>
          <HtmlPreview template={shown} sample={sample} />
        </section>
        <section className="panel" aria-label="Bản in PDF">
          <h2>
            Bản in (PDF){' '}
            <a href={pdfUrl} target="_blank" rel="noreferrer" className="tpl-open">
              mở riêng
            </a>
          </h2>
          <iframe key={pdfUrl} className="tpl-pdf" title="Bản in PDF" src={`${pdfUrl}#view=FitH`} />
        </section>
      </div>
    </section>
  );
}

export function TemplatesAdminPage() {
  const { data: templates, error, reload } = useApi<TemplateSummary[]>('/api/templates');
  const [selected, setSelected] = useState<string | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome>(NO_OUTCOME);
  // The reload counter remounts the detail, so a just-imported version is listed and shown.
  const [generation, setGeneration] = useState(0);

  return (
    <>
      <style>{documentCss}</style>
      <div className="row" style={{ marginBottom: 8 }}>
        <h1 style={{ margin: 0 }}>Mẫu đơn, tờ khai</h1>
        <ImportButton
          onOutcome={setOutcome}
          onImported={(id) => {
            reload();
            setSelected(id);
            setVersion(null);
            setGeneration((g) => g + 1);
          }}
        />
      </div>
      <ImportResult outcome={outcome} />
      {error && <div className="alert error">{error}</div>}
      <div className="tpl-layout">
        {templates && (
          <TemplateList
            templates={templates}
            selected={selected}
            onSelect={(id) => {
              setSelected(id);
              setVersion(null);
            }}
          />
        )}
        {selected ? (
          <TemplateDetail
            key={`${selected}#${generation}`}
            id={selected}
            wantVersion={version}
            onVersion={setVersion}
          />
        ) : (
          <p className="muted">Chọn một mẫu ở bên trái để xem bản trên màn hình và bản in.</p>
        )}
      </div>
    </>
  );
}
