import type { CccdParsed } from '../../core/api/cccd.ts';
import { ApiError, api } from '../ui/api.ts';

export type CccdScanOutcome = { ok: true; card: CccdParsed } | { ok: false; message: string };

/** Sends scanned or pasted QR text to the server; a refusal comes back as the Vietnamese reason. */
export async function parseCccd(text: string): Promise<CccdScanOutcome> {
  try {
    return { ok: true, card: await api<CccdParsed>('POST', '/api/cccd/parse', { text }) };
  } catch (err) {
    return {
      ok: false,
      message: err instanceof ApiError ? err.message : 'Không đọc được mã QR, vui lòng quét lại',
    };
  }
}
