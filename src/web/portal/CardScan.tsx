import { useCallback, useState } from 'react';
import { type CccdCard, parseCccdQr } from '../../core/cccd/parse-cccd-qr.ts';
import { QrCamera } from '../scan/QrCamera.tsx';

/**
 * Reads the citizen's own ID card QR with the phone camera, or from text pasted by a scanner app.
 * Parsing happens on the device: nothing is sent until the form is.
 */
export function CardScan(props: { onCard(card: CccdCard): void; onClose(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const { onCard } = props;

  const read = useCallback(
    (text: string) => {
      const r = parseCccdQr(text);
      if (r.ok) onCard(r.value);
      else setError(r.reason);
    },
    [onCard],
  );

  return (
    <div className="pt-scan" role="dialog" aria-label="Quét mã QR căn cước">
      <h2>Quét mã QR trên thẻ căn cước</h2>
      <QrCamera onText={read} onError={setError} />
      <label className="field">
        <span>Hoặc dán nội dung mã QR</span>
        <textarea rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} />
      </label>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <div className="row">
        <button type="button" onClick={props.onClose}>
          Đóng
        </button>
        <button type="button" className="primary" disabled={!pasted.trim()} onClick={() => read(pasted)}>
          Dùng nội dung đã dán
        </button>
      </div>
    </div>
  );
}
