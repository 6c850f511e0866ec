import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/**
 * Writes a Y4M video whose every frame shows the QR code of `text`, for Chromium's
 * --use-file-for-fake-video-capture: the page's camera then "sees" that code, as a webcam held to a card would.
 */
export function writeQrVideo(file: string, text: string, width = 640, height = 480): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor(Math.min(width, height) / (size + 8));
  const origin = { x: Math.floor((width - size * scale) / 2), y: Math.floor((height - size * scale) / 2) };
  const y = Buffer.alloc(width * height, 255);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = (origin.y + r * scale + dy) * width + origin.x + c * scale;
        y.fill(0, row, row + scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, frame, frame, frame, frame, frame]));
}
