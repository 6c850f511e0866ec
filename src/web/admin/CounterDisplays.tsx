import { useState } from 'react';
import type { CounterLiveState, DisplayView } from '../../core/api/live.ts';
import { vnLocalDateTime } from '../../core/calendar/iso-date.ts';
import { api } from '../ui/api.ts';
import { useApi } from '../ui/useApi.ts';

/** "14:05 28/11/2026", in Vietnam's time wherever the browser is. */
function when(iso: string | null): string {
  if (!iso) return '—';
  const s = vnLocalDateTime(new Date(iso));
  return `${s.slice(11, 16)} ${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
}

/**
 * The citizen displays of one counter, for the administrator: issue a kiosk link for a TV mounted at the
 * counter (the secret is shown once, then only its hash is kept), see every paired display, revoke one.
 */
export function CounterDisplays(props: { counterId: number; counterName: string }) {
  const { data, error, reload } = useApi<CounterLiveState>(`/api/live/counters/${props.counterId}/state`);
  const [label, setLabel] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function issue() {
    setMessage(null);
    try {
      const r = await api<{ path: string }>('POST', '/api/live/kiosk', {
        counterId: props.counterId,
        label: label.trim() || null,
      });
      setLink(`${location.origin}${r.path}`);
      setLabel('');
      reload();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : 'Không tạo được liên kết');
    }
  }

  async function revoke(d: DisplayView) {
    setMessage(null);
    try {
      await api('POST', `/api/live/displays/${d.id}/revoke`);
      reload();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : 'Không thu hồi được');
    }
  }

  const displays = (data?.displays ?? []).filter((d) => !d.revokedAt);
  return (
    <section className="counter-displays" aria-label={`Màn hình công dân của ${props.counterName}`}>
      {error && <div className="alert error">{error}</div>}
      {message && <div className="alert error">{message}</div>}
      {displays.length === 0 ? (
        <p className="muted">Chưa có màn hình nào ghép với quầy này.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Màn hình</th>
              <th>Cách ghép</th>
              <th>Ghép lúc</th>
              <th>Kết nối gần nhất</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {displays.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.label ?? 'Màn hình'} #{d.id}
                </td>
                <td>{d.kind === 'kiosk' ? 'Liên kết kiosk' : 'Mã ghép nối'}</td>
                <td>{when(d.pairedAt)}</td>
                <td>{when(d.lastSeenAt)}</td>
                <td style={{ textAlign: 'right' }}>
                  <button type="button" onClick={() => void revoke(d)}>
                    Thu hồi
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row" style={{ alignItems: 'end', marginTop: 6 }}>
        <label style={{ flex: 1 }}>
          Tên màn hình (tùy chọn)
          <input
            value={label}
            placeholder="Ví dụ: TV treo tường quầy 1"
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <button type="button" className="shrink" onClick={() => void issue()}>
          Tạo liên kết kiosk cho TV
        </button>
      </div>
      {link && (
        <div className="alert ok" role="status">
          <p>
            Mở liên kết này một lần trên trình duyệt của TV (chế độ toàn màn hình). Liên kết chỉ hiện lần này;
            TV giữ mã bí mật và tự kết nối lại sau khi khởi động lại.
          </p>
          <input
            readOnly
            value={link}
            aria-label="Liên kết kiosk"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="shrink" onClick={() => void navigator.clipboard?.writeText(link)}>
            Sao chép
          </button>
        </div>
      )}
    </section>
  );
}
