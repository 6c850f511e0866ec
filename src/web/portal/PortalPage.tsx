import QRCode from 'qrcode';
import { useEffect, useMemo, useState } from 'react';
import { DOCUMENT_KIND_LABELS, FIELD_LABELS, type ProcedureView } from '../../core/api/procedures.ts';
import { buildDocument } from '../../core/document/build-document.ts';
import { DocumentView } from '../../core/document/DocumentView.tsx';
import type { FormTemplate } from '../../core/forms/FormTemplate.ts';
import { validateValues } from '../../core/forms/validate-values.ts';
import { getAt, setAt } from '../../core/forms/value-path.ts';
import { matchesQuery } from '../../core/text/fold.ts';
import { moneyInWords } from '../../core/text/number-words.ts';
import { EntryForm } from '../counter/EntryForm.tsx';
import { formSections } from '../counter/form-order.ts';
import { ApiError, api } from '../ui/api.ts';
import { navigate } from '../ui/router.ts';
import { useApi } from '../ui/useApi.ts';
import { AttachPhotos } from './AttachPhotos.tsx';
import { CardScan } from './CardScan.tsx';
import { cardToPerson } from './card-to-person.ts';
import './portal.css';

interface PublicUnit {
  id: number;
  name: string;
  address: string | null;
  phone: string | null;
}

const UNIT_KEY = 'kv.portal.unitId';
const draftKey = (unitId: number, code: string) => `kv.portal.draft.${unitId}.${code}`;

function money(n: number): string {
  return n === 0 ? 'Miễn phí' : `${n.toLocaleString('vi-VN')} đồng (${moneyInWords(n)})`;
}

function ProcedureCard(props: { p: ProcedureView; unit: PublicUnit | undefined }) {
  const { p } = props;
  return (
    <article className="pt-card">
      <h3>{p.name}</h3>
      <p className="muted">
        Mã {p.code} · {FIELD_LABELS[p.field] ?? p.field} ·{' '}
        {p.sameDay ? 'Giải quyết trong ngày' : `${p.processingDays} ngày làm việc`}
      </p>
      <details>
        <summary>Giấy tờ cần mang, lệ phí, nơi nộp</summary>
        <h4>Giấy tờ</h4>
        <ul>
          {p.documents.map((d) => (
            <li key={d.name}>
              {d.name} — {DOCUMENT_KIND_LABELS[d.kind]}
              {d.count > 1 ? ` (${d.count} bản)` : ''}
              {d.optional ? ' (nếu có)' : ''}
            </li>
          ))}
        </ul>
        <h4>Lệ phí</h4>
        <ul>
          {p.fees.map((f) => (
            <li key={f.label}>
              {f.label}: {money(f.amount)}
            </li>
          ))}
        </ul>
        <h4>Nơi nộp và nhận kết quả</h4>
        <p>
          {props.unit?.name}
          {props.unit?.address ? ` — ${props.unit.address}` : ''}. {p.resultDelivery}.
        </p>
      </details>
      <button type="button" className="primary pt-wide" onClick={() => navigate(`/dich-vu-cong/${p.code}`)}>
        Khai tờ khai trực tuyến
      </button>
    </article>
  );
}

function Catalogue(props: { units: PublicUnit[]; unitId: number; setUnitId(id: number): void }) {
  const [q, setQ] = useState('');
  const { data: procedures, error } = useApi<ProcedureView[]>(
    `/api/public/procedures?unitId=${props.unitId}`,
  );
  const shown = (procedures ?? []).filter(
    (p) => !q.trim() || matchesQuery(`${p.name} ${p.code} ${FIELD_LABELS[p.field] ?? ''}`, q),
  );
  const fields = [...new Set(shown.map((p) => p.field))];
  const unit = props.units.find((u) => u.id === props.unitId);
  return (
    <>
      <label className="field">
        <span>Nơi nộp hồ sơ</span>
        <select value={props.unitId} onChange={(e) => props.setUnitId(Number(e.target.value))}>
          {props.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Tìm thủ tục (gõ không dấu cũng được)</span>
        <input
          type="search"
          value={q}
          placeholder="ví dụ: khai sinh, ket hon, 1.001193"
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      {error && <div className="alert error">{error}</div>}
      {fields.map((f) => (
        <section key={f} aria-label={FIELD_LABELS[f] ?? f}>
          <h2 className="pt-field">{FIELD_LABELS[f] ?? f}</h2>
          {shown
            .filter((p) => p.field === f)
            .map((p) => (
              <ProcedureCard key={p.code} p={p} unit={unit} />
            ))}
        </section>
      ))}
      {procedures && shown.length === 0 && <p>Không tìm thấy thủ tục phù hợp.</p>}
    </>
  );
}

interface Finished {
  mode: 'prefill' | 'online';
  code: string;
  secret: string;
  qr: string;
}

function FillForm(props: { code: string; unit: PublicUnit }) {
  const { data: procedures } = useApi<ProcedureView[]>(`/api/public/procedures?unitId=${props.unit.id}`);
  const procedure = procedures?.find((p) => p.code === props.code);
  const { data: template } = useApi<FormTemplate>(
    procedure ? `/api/public/templates/${procedure.templateId}` : null,
  );
  const key = draftKey(props.unit.id, props.code);
  const [values, setValues] = useState<Record<string, unknown>>(() => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
    } catch {
      return {};
    }
  });
  const [scanning, setScanning] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<{ path: string; message: string }[]>([]);
  const [finished, setFinished] = useState<Finished | null>(null);
  const [preview, setPreview] = useState(false);

  // Progress stays on the device: a closed tab or a dead battery loses nothing.
  useEffect(() => {
    localStorage.setItem(key, JSON.stringify(values));
  }, [key, values]);

  const sections = useMemo(() => (template ? formSections(template) : []), [template]);
  const validation = useMemo(
    () => (template ? validateValues(template, values, { draft: true }) : null),
    [template, values],
  );
  const errors = useMemo(
    () => new Map([...(validation?.errors ?? []), ...serverErrors].map((e) => [e.path, e.message])),
    [validation, serverErrors],
  );
  const doc = useMemo(
    () => (template && validation ? buildDocument(template, validation.values) : null),
    [template, validation],
  );

  if (!procedure || !template) return <p>Đang tải tờ khai…</p>;

  const change = (path: string, value: unknown) => {
    setServerErrors([]);
    setValues((v) => setAt(structuredClone(v), path, value));
  };

  async function submit(mode: 'prefill' | 'online') {
    setBusy(true);
    setSubmitError(null);
    try {
      const res = await api<{ code: string; secret: string }>('POST', '/api/public/submissions', {
        procedureCode: props.code,
        unitId: props.unit.id,
        values,
        mode,
      });
      const url =
        mode === 'online'
          ? `${location.origin}/tra-cuu?ma=${encodeURIComponent(res.code)}&bi-mat=${encodeURIComponent(res.secret)}`
          : res.code;
      setFinished({
        mode,
        code: res.code,
        secret: res.secret,
        qr: await QRCode.toDataURL(url, { margin: 1, width: 220 }),
      });
      localStorage.removeItem(key);
    } catch (e) {
      if (e instanceof ApiError) {
        setSubmitError(e.message);
        setServerErrors(e.errors ?? []);
      } else setSubmitError('Không gửi được, vui lòng thử lại');
    } finally {
      setBusy(false);
    }
  }

  if (finished) {
    return (
      <section className="pt-done" aria-label="Đã gửi">
        {finished.mode === 'prefill' ? (
          <>
            <h2>Tờ khai đã sẵn sàng</h2>
            <p>
              Mang mã này (hoặc mã QR) đến {props.unit.name}. Cán bộ sẽ mở tờ khai, ông/bà kiểm tra lại trên
              màn hình rồi ký.
            </p>
          </>
        ) : (
          <>
            <h2>Đã nộp hồ sơ trực tuyến</h2>
            <p>
              Cán bộ sẽ kiểm tra và tiếp nhận. Dùng mã hồ sơ và mã bí mật để theo dõi, xem yêu cầu bổ sung nếu
              có.
            </p>
          </>
        )}
        <p className="pt-code">{finished.code}</p>
        {finished.mode === 'online' && (
          <p>
            Mã bí mật: <code>{finished.secret}</code>
          </p>
        )}
        <img src={finished.qr} alt={`Mã QR của ${finished.code}`} width={220} height={220} />
        {finished.mode === 'online' && <AttachPhotos code={finished.code} secret={finished.secret} />}
        {finished.mode === 'online' && (
          <p>
            <a
              href={`/tra-cuu?ma=${encodeURIComponent(finished.code)}&bi-mat=${encodeURIComponent(finished.secret)}`}
            >
              Theo dõi hồ sơ
            </a>
          </p>
        )}
      </section>
    );
  }

  // Only people who carry an ID card can be scanned (not the child being registered).
  const persons = sections.filter((s) => s.person && s.fields.some((f) => f.type === 'identityDocument'));
  return (
    <>
      <h2 className="pt-title">{procedure.name}</h2>
      <p className="muted">
        {template.title} · {template.legalBasis}
      </p>
      <div className="pt-scanbar">
        {persons.map((s) => (
          <button key={s.prefix} type="button" onClick={() => setScanning(s.prefix)}>
            Quét CCCD: {s.title}
          </button>
        ))}
      </div>
      {scanning && (
        <CardScan
          onClose={() => setScanning(null)}
          onCard={(card) => {
            const person = cardToPerson(card);
            setValues((v) => {
              let next = structuredClone(v);
              for (const [k, val] of Object.entries(person)) {
                if (getAt(next, `${scanning}.${k}`) === undefined)
                  next = setAt(next, `${scanning}.${k}`, val);
              }
              return next;
            });
            setScanning(null);
          }}
        />
      )}
      <EntryForm
        template={template}
        sections={sections}
        values={values}
        errors={errors}
        onChange={change}
        onFocusField={() => undefined}
        onCopy={(from, to) => change(to, structuredClone(getAt(values, from)))}
      />
      <button type="button" className="pt-wide" onClick={() => setPreview((p) => !p)}>
        {preview ? 'Ẩn bản xem trước' : 'Xem tờ khai như khi in'}
      </button>
      {preview && doc && (
        <div className="pt-preview">
          <DocumentView doc={doc} />
        </div>
      )}
      {submitError && (
        <div className="alert error" role="alert">
          {submitError}
        </div>
      )}
      <div className="pt-actions">
        <button type="button" className="pt-wide" disabled={busy} onClick={() => void submit('prefill')}>
          Mang đến quầy (nhận mã khai trước)
        </button>
        <button
          type="button"
          className="primary pt-wide"
          disabled={busy}
          onClick={() => void submit('online')}
        >
          Nộp hồ sơ trực tuyến
        </button>
      </div>
    </>
  );
}

/** The public portal: the same forms as the counter, phone first, no account needed. */
export function PortalPage(props: { path: string }) {
  const { data: units, error } = useApi<PublicUnit[]>('/api/public/units');
  const [unitId, setUnitIdState] = useState<number | null>(
    () => Number(localStorage.getItem(UNIT_KEY)) || null,
  );
  const setUnitId = (id: number) => {
    localStorage.setItem(UNIT_KEY, String(id));
    setUnitIdState(id);
  };
  const chosen = units?.find((u) => u.id === unitId) ?? units?.[0];
  const code = props.path.startsWith('/dich-vu-cong/')
    ? decodeURIComponent(props.path.slice('/dich-vu-cong/'.length))
    : null;
  return (
    <div className="pt">
      <header className="pt-head">
        <a
          href="/dich-vu-cong"
          onClick={(e) => {
            e.preventDefault();
            navigate('/dich-vu-cong');
          }}
        >
          Dịch vụ công — Không Viết
        </a>
        <a href="/tra-cuu">Tra cứu hồ sơ</a>
      </header>
      <main className="pt-main">
        <h1>{code ? 'Khai tờ khai' : 'Thủ tục hành chính'}</h1>
        {error && <div className="alert error">{error}</div>}
        {units && chosen && !code && <Catalogue units={units} unitId={chosen.id} setUnitId={setUnitId} />}
        {units && chosen && code && <FillForm code={code} unit={chosen} />}
      </main>
    </div>
  );
}
