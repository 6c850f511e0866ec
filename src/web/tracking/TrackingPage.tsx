import { type FormEvent, useEffect, useState } from 'react';
import { vnLocalDateTime } from '../../core/calendar/iso-date.ts';
import { ApiError, api } from '../ui/api.ts';
import { ResultRating, SecretDetails } from './TrackingExtras.tsx';
import './tracking.css';

interface PublicDossier {
  code: string;
  status: string;
  statusLabel: string;
  procedure: string;
  unit: string;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  applicantName: string;
  onTime: boolean | null;
}

function localTime(iso: string | null): string {
  if (!iso) return '—';
  const d = vnLocalDateTime(new Date(iso));
  return `${d.slice(11, 16)} ngày ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

const DONE = new Set(['processed', 'returned']);
const STOPPED = new Set(['refused', 'withdrawn', 'stopped']);

/**
 * The citizen's tracking page (also what the receipt's QR opens, /tra-cuu?ma=CODE): no login, phone
 * first, large text. It shows only what the public endpoint gives: nothing personal beyond the masked name.
 */
export function TrackingPage() {
  const params = new URLSearchParams(location.search);
  const initial = params.get('ma') ?? '';
  // The online dossier's secret travels in the link the citizen got when submitting.
  const secret = params.get('bi-mat');
  const [code, setCode] = useState(initial);
  const [result, setResult] = useState<PublicDossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function lookup(raw: string) {
    const c = raw.trim().toUpperCase();
    setError(null);
    setResult(null);
    if (!c) {
      setError('Vui lòng nhập mã hồ sơ in trên giấy hẹn');
      return;
    }
    setBusy(true);
    try {
      setResult(await api<PublicDossier>('GET', `/api/public/dossiers/${encodeURIComponent(c)}`));
      const keep =
        secret && c === initial.trim().toUpperCase() ? `&bi-mat=${encodeURIComponent(secret)}` : '';
      history.replaceState(null, '', `/tra-cuu?ma=${encodeURIComponent(c)}${keep}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không tra cứu được, vui lòng thử lại');
    } finally {
      setBusy(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: look up the code from the QR once, on arrival.
  useEffect(() => {
    if (initial) void lookup(initial);
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    void lookup(code);
  }

  const tone = result
    ? DONE.has(result.status)
      ? 'done'
      : STOPPED.has(result.status)
        ? 'stopped'
        : 'open'
    : '';

  return (
    <div className="tracking">
      <header>
        <div className="brand">Không Viết</div>
        <h1>Tra cứu hồ sơ</h1>
        <p>Nhập mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.</p>
      </header>
      <form onSubmit={submit} className="lookup" aria-label="Tra cứu hồ sơ">
        <label htmlFor="ma">Mã hồ sơ</label>
        <input
          id="ma"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="000.00.29.H18-250616-0001"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          inputMode="text"
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Đang tra cứu…' : 'Tra cứu'}
        </button>
      </form>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {result && (
        <section className={`result ${tone}`} aria-live="polite">
          <div className="status">{result.statusLabel}</div>
          <dl>
            <dt>Mã hồ sơ</dt>
            <dd className="code">{result.code}</dd>
            <dt>Thủ tục</dt>
            <dd>{result.procedure}</dd>
            <dt>Nơi tiếp nhận</dt>
            <dd>{result.unit}</dd>
            <dt>Người nộp</dt>
            <dd>{result.applicantName}</dd>
            <dt>Ngày nhận</dt>
            <dd>{localTime(result.receivedAt)}</dd>
            <dt>Ngày hẹn trả</dt>
            <dd className="due">{localTime(result.dueAt)}</dd>
            {result.finishedAt && (
              <>
                <dt>Đã giải quyết xong</dt>
                <dd>{localTime(result.finishedAt)}</dd>
              </>
            )}
            {result.returnedAt && (
              <>
                <dt>Đã trả kết quả</dt>
                <dd>{localTime(result.returnedAt)}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      {result && secret && result.code === initial.trim().toUpperCase() && (
        <SecretDetails code={result.code} secret={secret} />
      )}
      {result?.status === 'returned' && <ResultRating code={result.code} />}
      <footer>Bộ phận tiếp nhận và trả kết quả</footer>
    </div>
  );
}
