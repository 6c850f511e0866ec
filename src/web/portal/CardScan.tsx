import { useEffect, useRef, useState } from 'react';
import { type CccdCard, parseCccdQr } from '../../core/cccd/parse-cccd-qr.ts';

/**
 * Reads the citizen's own ID card QR with the phone camera (jsQR, loaded only when asked for),
 * or from text pasted by a scanner app. Parsing happens on the device: nothing is sent until the form is.
 */
export function CardScan(props: { onCard(card: CccdCard): void; onClose(): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [camera, setCamera] = useState<'off' | 'starting' | 'on'>('off');

  useEffect(() => {
    if (camera !== 'starting') return;
    let stream: MediaStream | undefined;
    let stopped = false;
    let timer: number | undefined;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        const el = video.current;
        if (!el || stopped) return;
        el.srcObject = stream;
        await el.play();
        setCamera('on');
        const { default: jsQR } = await import('jsqr');
        const canvas = document.createElement('canvas');
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        const tick = () => {
          if (stopped || !ctx || !el.videoWidth) {
            timer = window.setTimeout(tick, 200);
            return;
          }
          canvas.width = el.videoWidth;
          canvas.height = el.videoHeight;
          ctx.drawImage(el, 0, 0);
          const code = jsQR(
            ctx.getImageData(0, 0, canvas.width, canvas.height).data,
            canvas.width,
            canvas.height,
          );
          if (code?.data) {
            const r = parseCccdQr(code.data);
            if (r.ok) {
              props.onCard(r.value);
              return;
            }
            setError(r.reason);
          }
          timer = window.setTimeout(tick, 150);
        };
        tick();
      } catch {
        setError('Không mở được máy ảnh. Ông/bà có thể dán nội dung mã QR vào ô bên dưới.');
        setCamera('off');
      }
    })();
    return () => {
      stopped = true;
      if (timer) window.clearTimeout(timer);
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, [camera, props]);

  function applyPasted() {
    const r = parseCccdQr(pasted);
    if (r.ok) props.onCard(r.value);
    else setError(r.reason);
  }

  return (
    <div className="pt-scan" role="dialog" aria-label="Quét mã QR căn cước">
      <h2>Quét mã QR trên thẻ căn cước</h2>
      {camera === 'off' ? (
        <button type="button" className="primary pt-wide" onClick={() => setCamera('starting')}>
          Mở máy ảnh
        </button>
      ) : (
        <video ref={video} className="pt-video" playsInline muted />
      )}
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
        <button type="button" className="primary" disabled={!pasted.trim()} onClick={applyPasted}>
          Dùng nội dung đã dán
        </button>
      </div>
    </div>
  );
}
