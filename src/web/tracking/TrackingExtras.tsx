import { useEffect, useState } from 'react';
import { RATING_LABELS, RATING_REASONS, type Rating, type RatingReason } from '../../core/api/portal.ts';
import { AttachPhotos } from '../portal/AttachPhotos.tsx';
import { ApiError, api } from '../ui/api.ts';

interface Details {
  status: string;
  reason: string | null;
  missing: string[];
}

/** What only the holder of the online dossier's secret sees: why it was refused or what to add, and a way to answer. */
export function SecretDetails(props: { code: string; secret: string }) {
  const [details, setDetails] = useState<Details | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  useEffect(() => {
    api<Details>(
      'GET',
      `/api/public/dossiers/${encodeURIComponent(props.code)}/details?secret=${encodeURIComponent(props.secret)}`,
    )
      .then(setDetails)
      .catch((e) => setError(e instanceof ApiError ? e.message : 'Không tải được chi tiết hồ sơ'));
  }, [props.code, props.secret]);

  async function answer() {
    setError(null);
    try {
      await api('POST', `/api/public/dossiers/${encodeURIComponent(props.code)}/supplement`, {
        secret: props.secret,
        note,
      });
      setSent(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không gửi được, vui lòng thử lại');
    }
  }

  if (error) {
    return (
      <div className="error" role="alert">
        {error}
      </div>
    );
  }
  if (!details || (!details.reason && details.missing.length === 0)) return null;
  return (
    <section className="result extra" aria-label="Ý kiến của cơ quan">
      {details.reason && (
        <p>
          <strong>
            {details.status === 'refused' ? 'Lý do không tiếp nhận: ' : 'Yêu cầu của cơ quan: '}
          </strong>
          {details.reason}
        </p>
      )}
      {details.missing.length > 0 && (
        <>
          <p>
            <strong>Giấy tờ cần bổ sung:</strong>
          </p>
          <ul>
            {details.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      )}
      {details.status === 'supplement_requested' &&
        (sent ? (
          <p role="status">Đã gửi nội dung bổ sung. Cán bộ sẽ kiểm tra và báo lại.</p>
        ) : (
          <div className="answer">
            <label htmlFor="bo-sung">Nội dung bổ sung</label>
            <textarea id="bo-sung" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
            <button type="button" disabled={!note.trim()} onClick={() => void answer()}>
              Gửi bổ sung
            </button>
            <AttachPhotos code={props.code} secret={props.secret} />
          </div>
        ))}
    </section>
  );
}

/** Asked again once the result is returned: one rating per dossier at this stage. */
export function ResultRating(props: { code: string }) {
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [state, setState] = useState<'ask' | 'sent' | string>('ask');

  async function rate(rating: Rating) {
    try {
      await api('POST', `/api/public/dossiers/${encodeURIComponent(props.code)}/rating`, {
        stage: 'result',
        rating,
        reasons,
      });
      setState('sent');
    } catch (e) {
      setState(e instanceof ApiError ? e.message : 'Không gửi được đánh giá');
    }
  }

  if (state === 'sent') {
    return (
      <p className="result extra" role="status">
        Cảm ơn ông/bà đã đánh giá.
      </p>
    );
  }
  return (
    <section className="result extra rating" aria-label="Đánh giá">
      <h2>Ông/bà có hài lòng với việc giải quyết hồ sơ?</h2>
      <div className="rating-buttons">
        {(Object.keys(RATING_LABELS) as Rating[]).map((r) => (
          <button key={r} type="button" className={`rate-${r}`} onClick={() => void rate(r)}>
            {RATING_LABELS[r]}
          </button>
        ))}
      </div>
      <fieldset>
        <legend>Điều ông/bà chưa hài lòng (nếu có)</legend>
        {(Object.keys(RATING_REASONS) as RatingReason[]).map((k) => (
          <label key={k} className="reason">
            <input
              type="checkbox"
              checked={reasons.includes(k)}
              onChange={(e) =>
                setReasons((rs) => (e.target.checked ? [...rs, k] : rs.filter((x) => x !== k)))
              }
            />{' '}
            {RATING_REASONS[k]}
          </label>
        ))}
      </fieldset>
      {state !== 'ask' && (
        <p className="error" role="alert">
          {state}
        </p>
      )}
    </section>
  );
}
