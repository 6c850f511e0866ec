import { useEffect, useRef, useState } from 'react';

/**
 * Reads QR codes from a camera (the counter PC's webcam or a phone's back camera) with jsQR, loaded
 * only when the camera is opened. Each decoded text goes to onText; the caller decides whether it is a card.
 */
export function QrCamera(props: { onText(text: string): void; onError(message: string): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const { onText, onError } = props;

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | undefined;
    let stopped = false;
    let timer: number | undefined;
    let last = '';
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        const el = video.current;
        if (!el || stopped) return;
        el.srcObject = stream;
        await el.play();
        const { default: jsQR } = await import('jsqr');
        const canvas = document.createElement('canvas');
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        const tick = () => {
          if (stopped) return;
          if (ctx && el.videoWidth) {
            canvas.width = el.videoWidth;
            canvas.height = el.videoHeight;
            ctx.drawImage(el, 0, 0);
            const code = jsQR(
              ctx.getImageData(0, 0, canvas.width, canvas.height).data,
              canvas.width,
              canvas.height,
            );
            // The same card held in front of the camera is read many times a second: report it once.
            if (code?.data && code.data !== last) {
              last = code.data;
              onText(code.data);
            }
          }
          timer = window.setTimeout(tick, 150);
        };
        tick();
      } catch {
        onError('Không mở được máy ảnh (chưa cho phép hoặc máy không có camera).');
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      if (timer) window.clearTimeout(timer);
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, [on, onText, onError]);

  return on ? (
    <div className="qr-camera">
      <video ref={video} playsInline muted />
      <button type="button" onClick={() => setOn(false)}>
        Tắt máy ảnh
      </button>
    </div>
  ) : (
    <button type="button" onClick={() => setOn(true)}>
      Quét bằng máy ảnh
    </button>
  );
}
