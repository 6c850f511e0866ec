import { type FormEvent, useMemo, useState } from 'react';
import {
  ATTACHMENT_KIND_LABELS,
  AttachmentKind,
  type AttachmentView,
  MAX_ATTACHMENT_BYTES,
} from '../../core/api/attachments.ts';
import { buildDocument } from '../../core/document/build-document.ts';
import { DocumentView } from '../../core/document/DocumentView.tsx';
import { documentCss } from '../../core/document/document-css.ts';
import { availableActions, type DossierAction, STATUS_INFO, TRANSITIONS } from '../../core/dossier/states.ts';
import type { FormTemplate } from '../../core/forms/FormTemplate.ts';
import { api } from '../ui/api.ts';
import { Alert, type FormErrors, NO_ERRORS, toFormErrors } from '../ui/FormBits.tsx';
import { Link } from '../ui/Layout.tsx';
import { useSession } from '../ui/session.tsx';
import { useApi } from '../ui/useApi.ts';
import {
  type DossierDetail,
  type DossierEventView,
  dueState,
  localTime,
  type ProcedureItem,
  uploadAttachment,
} from './dossier-api.ts';
import './dossiers.css';

const SLIPS: { kind: string; label: string; after?: string }[] = [
  { kind: 'bo-sung', label: 'Phiếu yêu cầu bổ sung', after: 'request_supplement' },
  { kind: 'tu-choi', label: 'Phiếu từ chối', after: 'refuse' },
  { kind: 'xin-loi', label: 'Phiếu xin lỗi, hẹn lại', after: 'apologise' },
  { kind: 'kiem-soat', label: 'Phiếu kiểm soát' },
];

const EVENT_LABELS: Record<string, string> = {
  attach: 'Đính kèm tệp',
  submit_online: 'Công dân nộp trực tuyến',
  supplement_submitted: 'Công dân gửi bổ sung',
  rate: 'Công dân đánh giá',
};

function eventLabel(e: DossierEventView): string {
  if (e.action in TRANSITIONS) return TRANSITIONS[e.action as DossierAction].label;
  return EVENT_LABELS[e.action] ?? e.action;
}

function eventDetail(e: DossierEventView): string {
  const d = e.data ?? {};
  const parts: string[] = [];
  if (typeof d.reason === 'string' && d.reason) parts.push(`Lý do: ${d.reason}`);
  if (Array.isArray(d.missing) && d.missing.length > 0) parts.push(`Cần bổ sung: ${d.missing.join('; ')}`);
  if (typeof d.newDueAt === 'string') parts.push(`Hẹn lại: ${localTime(d.newDueAt)}`);
  if (typeof d.fileName === 'string') parts.push(d.fileName);
  return parts.join(' · ');
}

/** "2025-06-20T16:00" typed in a datetime-local box is Vietnamese local time. */
function localInputToIso(v: string): string | undefined {
  return v ? new Date(`${v}:00+07:00`).toISOString() : undefined;
}

function ActionForm(props: { code: string; action: DossierAction; onDone(): void; onCancel(): void }) {
  const t = TRANSITIONS[props.action];
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState('');
  const [newDue, setNewDue] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    const items = missing
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      await api('POST', `/api/dossiers/${encodeURIComponent(props.code)}/actions`, {
        action: props.action,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(items.length > 0 ? { missing: items } : {}),
        ...(newDue ? { newDueAt: localInputToIso(newDue) } : {}),
      });
      props.onDone();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="action-form" onSubmit={submit} aria-label={t.label}>
      <Alert errors={errors} />
      {props.action === 'request_supplement' && (
        <label className="field">
          <span>Giấy tờ, nội dung cần bổ sung (mỗi dòng một mục)</span>
          <textarea rows={3} value={missing} onChange={(e) => setMissing(e.target.value)} />
        </label>
      )}
      {props.action === 'apologise' && (
        <label className="field">
          <span>Hẹn lại ngày trả kết quả</span>
          <input type="datetime-local" value={newDue} onChange={(e) => setNewDue(e.target.value)} />
          {errors.byField.newDueAt && <span className="field-error">{errors.byField.newDueAt}</span>}
        </label>
      )}
      {t.needsReason && (
        <label className="field">
          <span>Lý do</span>
          <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          {errors.byField.reason && <span className="field-error">{errors.byField.reason}</span>}
        </label>
      )}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button type="button" className="shrink" onClick={props.onCancel}>
          Hủy
        </button>
        <button type="submit" className="primary shrink" disabled={busy}>
          Xác nhận: {t.label}
        </button>
      </div>
    </form>
  );
}

function Attachments(props: { code: string; canUpload: boolean; onUploaded(): void }) {
  const list = useApi<AttachmentView[]>(`/api/dossiers/${encodeURIComponent(props.code)}/attachments`);
  const [kind, setKind] = useState<AttachmentKind>('signed_form');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [ok, setOk] = useState<string | null>(null);

  async function upload(e: FormEvent) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setOk(null);
    if (!file) return setErrors({ message: 'Vui lòng chọn tệp cần đính kèm', byField: {} });
    if (file.size > MAX_ATTACHMENT_BYTES)
      return setErrors({ message: 'Tệp quá lớn: tối đa 10 MB mỗi tệp', byField: {} });
    try {
      await uploadAttachment(props.code, kind, file);
      setOk(`Đã đính kèm ${file.name}`);
      setFile(null);
      (e.target as HTMLFormElement).reset();
      list.reload();
      props.onUploaded();
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }

  return (
    <section className="panel">
      <h2>Tệp đính kèm</h2>
      <ul className="files">
        {(list.data ?? []).map((a) => (
          <li key={a.id}>
            <a
              href={`/api/dossiers/${encodeURIComponent(props.code)}/attachments/${a.id}`}
              target="_blank"
              rel="noreferrer"
            >
              {a.fileName}
            </a>{' '}
            <span className="muted">
              {a.kindLabel} · {Math.ceil(a.size / 1024)} KB · {a.uploadedBy ?? ''} · {localTime(a.createdAt)}
            </span>
          </li>
        ))}
        {list.data?.length === 0 && <li className="muted">Chưa có tệp nào.</li>}
      </ul>
      {props.canUpload && (
        <form onSubmit={upload} aria-label="Đính kèm tệp" className="upload">
          <Alert errors={errors} ok={ok} />
          <div className="upload-row">
            <select
              aria-label="Loại tệp"
              value={kind}
              onChange={(e) => setKind(e.target.value as AttachmentKind)}
            >
              {AttachmentKind.options.map((k) => (
                <option key={k} value={k}>
                  {ATTACHMENT_KIND_LABELS[k]}
                </option>
              ))}
            </select>
            <input
              type="file"
              aria-label="Chọn tệp"
              accept="application/pdf,image/jpeg,image/png"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <button type="submit">Tải lên</button>
          </div>
          <p className="muted small">PDF, JPEG hoặc PNG, tối đa 10 MB.</p>
        </form>
      )}
    </section>
  );
}

/** One dossier: details, the form as signed, the history, the next steps, slips and files. */
export function DossierPage(props: { code: string }) {
  const { user } = useSession();
  const base = `/api/dossiers/${encodeURIComponent(props.code)}`;
  const dossier = useApi<DossierDetail>(base);
  const events = useApi<DossierEventView[]>(`${base}/events`);
  const d = dossier.data;
  const procedure = useApi<ProcedureItem>(d ? `/api/procedures/${d.procedureCode}` : null);
  const template = useApi<FormTemplate>(
    d ? `/api/templates/${d.templateId}?version=${d.templateVersion}` : null,
  );
  const [action, setAction] = useState<DossierAction | null>(null);
  const doc = useMemo(() => {
    if (!template.data || !d) return null;
    try {
      return buildDocument(template.data, d.values);
    } catch {
      return null;
    }
  }, [template.data, d]);

  if (dossier.error) {
    return (
      <div className="dossiers">
        <p>
          <Link href="/ho-so">← Hồ sơ cần xử lý</Link>
        </p>
        <div className="alert error" role="alert">
          {dossier.error}
        </div>
      </div>
    );
  }
  if (!d) return <p className="muted">Đang tải…</p>;

  const actions = availableActions(d.status, user.role);
  const done = (events.data ?? []).map((e) => e.action);
  const due = dueState(d);
  const reload = () => {
    setAction(null);
    dossier.reload();
    events.reload();
  };

  return (
    <div className="dossiers">
      <p>
        <Link href="/ho-so">← Hồ sơ cần xử lý</Link>
      </p>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h1 className="shrink">Hồ sơ {d.code}</h1>
        <span className={`status-badge s-${d.status}`}>{STATUS_INFO[d.status].label}</span>
        {due === 'overdue' && <span className="due-badge overdue">Quá hạn</span>}
        {due === 'soon' && <span className="due-badge soon">Sắp đến hạn</span>}
        {d.digitised && <span className="badge">Đã số hóa</span>}
      </div>
      <div className="dossier-grid">
        <div>
          <section className="panel">
            <h2>Thông tin hồ sơ</h2>
            <dl className="facts">
              <dt>Thủ tục</dt>
              <dd>{procedure.data?.name ?? d.procedureCode}</dd>
              <dt>Người nộp</dt>
              <dd>
                <strong>{d.applicant.name}</strong>
                {d.applicant.idNumber && <> · {d.applicant.idNumber}</>}
              </dd>
              <dt>Địa chỉ</dt>
              <dd>{d.applicant.address ?? '—'}</dd>
              <dt>Điện thoại</dt>
              <dd>{d.applicant.phone ?? '—'}</dd>
              <dt>Nhận lúc</dt>
              <dd>{localTime(d.receivedAt)}</dd>
              <dt>Hẹn trả</dt>
              <dd>{localTime(d.dueAt)}</dd>
              {d.finishedAt && (
                <>
                  <dt>Hoàn thành</dt>
                  <dd>{localTime(d.finishedAt)}</dd>
                </>
              )}
              {d.returnedAt && (
                <>
                  <dt>Trả kết quả</dt>
                  <dd>{localTime(d.returnedAt)}</dd>
                </>
              )}
              <dt>Kênh</dt>
              <dd>{d.channelLabel}</dd>
              <dt>Sổ theo dõi</dt>
              <dd>{d.logbook ? `Quyển ${d.logbook.year ?? ''}, số ${d.logbook.number}` : '—'}</dd>
            </dl>
            {d.documents.length > 0 && (
              <>
                <h3>Giấy tờ đã nhận</h3>
                <ul className="docs">
                  {d.documents.map((x, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list received with the dossier.
                    <li key={i}>
                      {x.name} ({x.count})
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <section className="panel">
            <h2>Thao tác</h2>
            {actions.length === 0 && (
              <p className="muted">Không có thao tác nào cho vai trò của bạn ở trạng thái này.</p>
            )}
            <div className="actions">
              {actions.map((a) => (
                <button
                  key={a}
                  type="button"
                  className={a === 'refuse' || a === 'stop' || a === 'withdraw' ? 'danger' : ''}
                  aria-pressed={action === a}
                  onClick={() => setAction(a)}
                >
                  {TRANSITIONS[a].label}
                </button>
              ))}
            </div>
            {action && (
              <ActionForm
                key={action}
                code={d.code}
                action={action}
                onDone={reload}
                onCancel={() => setAction(null)}
              />
            )}
            <h3>In phiếu</h3>
            <div className="actions">
              {d.receivedAt && (
                <a className="button" href={`${base}/receipt.pdf`} target="_blank" rel="noreferrer">
                  Giấy tiếp nhận, hẹn trả
                </a>
              )}
              {SLIPS.filter((s) => !s.after || done.includes(s.after)).map((s) => (
                <a
                  key={s.kind}
                  className="button"
                  href={`${base}/slips/${s.kind}.pdf`}
                  target="_blank"
                  rel="noreferrer"
                >
                  {s.label}
                </a>
              ))}
            </div>
          </section>

          <Attachments code={d.code} canUpload={user.role !== 'leader'} onUploaded={reload} />
        </div>

        <div>
          <section className="panel">
            <h2>Quá trình giải quyết</h2>
            <ol className="timeline">
              {(events.data ?? []).map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the event log is append-only; order is identity.
                <li key={i}>
                  <div>
                    <strong>{eventLabel(e)}</strong>
                    {e.toState && e.toState !== e.fromState && (
                      <span className="muted">
                        {' '}
                        → {STATUS_INFO[e.toState as keyof typeof STATUS_INFO]?.label}
                      </span>
                    )}
                  </div>
                  <div className="muted small">
                    {localTime(e.at)} · {e.actor ?? 'Hệ thống'}
                  </div>
                  {eventDetail(e) && <div className="small">{eventDetail(e)}</div>}
                </li>
              ))}
            </ol>
          </section>
          <details className="panel form-view">
            <summary>Tờ khai đã nhận (mẫu phiên bản {d.templateVersion})</summary>
            <style>{documentCss}</style>
            {doc ? <DocumentView doc={doc} /> : <p className="muted">Đang tải tờ khai…</p>}
          </details>
        </div>
      </div>
    </div>
  );
}
