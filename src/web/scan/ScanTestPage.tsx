import { useCallback, useState } from 'react';
import type { AddressValue } from '../../core/api/addresses.ts';
import type { CccdParsed } from '../../core/api/cccd.ts';
import { formatDateVi } from '../../core/text/vi-date.ts';
import { AddressInput } from './AddressInput.tsx';
import { CccdScanResult, type PersonTarget } from './CccdScanResult.tsx';
import { parseCccd } from './parse-cccd.ts';
import { useKeyboardScanner } from './useKeyboardScanner.ts';

const TARGETS: PersonTarget[] = [
  { id: 'requester', label: 'Người yêu cầu' },
  { id: 'mother', label: 'Mẹ' },
  { id: 'father', label: 'Cha' },
];

type Filled = { name: string; idNumber: string; birthDate: string; address: string };

/** A page to try the scanner, the card panel and the address field on real hardware (and for browser tests). */
export function ScanTestPage() {
  const [typed, setTyped] = useState('');
  const [pasted, setPasted] = useState('');
  const [card, setCard] = useState<CccdParsed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scans, setScans] = useState(0);
  const [filled, setFilled] = useState<Record<string, Filled>>({});
  const [address, setAddress] = useState<AddressValue>({});

  const read = useCallback(async (text: string) => {
    setScans((n) => n + 1);
    setError(null);
    const outcome = await parseCccd(text);
    if (outcome.ok) setCard(outcome.card);
    else {
      setCard(null);
      setError(outcome.message);
    }
  }, []);
  useKeyboardScanner((text) => void read(text));

  return (
    <div>
      <h1>Thử quét thẻ CCCD</h1>
      <p className="muted">
        Quét mã QR trên thẻ bằng máy quét USB ở bất kỳ đâu trên trang: nội dung không rơi vào ô đang nhập.
      </p>
      <div className="grid2">
        <div className="panel">
          <label className="field">
            <span>Ô đang nhập (thử gõ tay rồi quét)</span>
            <input data-testid="typing-field" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </label>
          <label className="field">
            <span>Hoặc dán nội dung mã QR</span>
            <textarea rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          </label>
          <button type="button" onClick={() => void read(pasted)} disabled={pasted.trim() === ''}>
            Đọc
          </button>
          <p className="muted" data-testid="scan-count">
            Số lần quét: {scans}
          </p>
          <div className="field">
            <span>Địa chỉ (tự gợi ý xã/phường)</span>
            <AddressInput value={address} onChange={setAddress} id="thu-dia-chi" />
            <output data-testid="address-value">{address.text ?? ''}</output>
          </div>
        </div>
        <div>
          {error && (
            <div className="alert error" role="alert">
              {error}
            </div>
          )}
          {card && (
            <CccdScanResult
              card={card}
              targets={TARGETS}
              onDismiss={() => setCard(null)}
              onFill={(target, c, addr) =>
                setFilled((f) => ({
                  ...f,
                  [target]: {
                    name: c.fullName,
                    idNumber: c.idNumber,
                    birthDate: formatDateVi(c.birthDate),
                    address: addr.text ?? '',
                  },
                }))
              }
            />
          )}
          <table className="data" data-testid="filled">
            <tbody>
              {TARGETS.map((t) => (
                <tr key={t.id} data-target={t.id}>
                  <th>{t.label}</th>
                  <td>{filled[t.id]?.name ?? '—'}</td>
                  <td>{filled[t.id]?.idNumber ?? ''}</td>
                  <td>{filled[t.id]?.birthDate ?? ''}</td>
                  <td>{filled[t.id]?.address ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
