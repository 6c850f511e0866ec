import { FIELD_LABELS } from '../../core/api/procedures.ts';
import { type DossierStatus, STATUS_INFO } from '../../core/dossier/states.ts';
import { useApi } from '../ui/useApi.ts';

interface Overview {
  total: number;
  received: number;
  onTime: number;
  late: number;
  overdueOpen: number;
  onTimePercent: number | null;
  byStatus: Record<string, number>;
  byField: Record<string, { total: number; onTime: number; late: number }>;
}

interface Channels {
  total: number;
  byChannel: { in_person: number; online: number; post: number };
  onlinePercent: number | null;
}

interface Satisfaction {
  total: number;
  very_satisfied: number;
  satisfied: number;
  unsatisfied: number;
  satisfiedPercent: number | null;
}

const pct = (v: number | null | undefined) => (v == null ? '—' : `${v.toLocaleString('vi-VN')}%`);

function Bar(props: { parts: { value: number; color: string; label: string }[] }) {
  const total = props.parts.reduce((a, p) => a + p.value, 0) || 1;
  return (
    <div
      className="kv-bar"
      role="img"
      aria-label={props.parts.map((p) => `${p.label}: ${p.value}`).join(', ')}
    >
      {props.parts.map((p) => (
        <span key={p.label} style={{ width: `${(p.value / total) * 100}%`, background: p.color }} />
      ))}
    </div>
  );
}

/** The leader's figures: on-time rate (QĐ 766 rules), online share, satisfaction, load by field and state. */
export function LeaderDashboard() {
  const { data: overview } = useApi<Overview>('/api/stats/overview');
  const { data: channels } = useApi<Channels>('/api/stats/channels');
  const { data: sat } = useApi<Satisfaction>('/api/stats/satisfaction');
  return (
    <section aria-label="Bảng điều hành">
      <h2>Tình hình giải quyết hồ sơ</h2>
      <div className="cards">
        <div className="card">
          <h3>Đúng hạn</h3>
          <p>
            <strong className="big">{pct(overview?.onTimePercent)}</strong> trong {overview?.received ?? 0} hồ
            sơ đã tiếp nhận
          </p>
          {overview && (
            <Bar
              parts={[
                { value: overview.onTime, color: '#1f7a3a', label: 'Đúng hạn' },
                { value: overview.late, color: '#b3261e', label: 'Trễ hạn' },
              ]}
            />
          )}
        </div>
        <div className="card">
          <h3>Quá hạn chưa xong</h3>
          <p>
            <strong className="big">{overview?.overdueOpen ?? 0}</strong> hồ sơ
          </p>
        </div>
        <div className="card">
          <h3>Nộp trực tuyến</h3>
          <p>
            <strong className="big">{pct(channels?.onlinePercent)}</strong> trong {channels?.total ?? 0} hồ sơ
          </p>
          {channels && (
            <Bar
              parts={[
                { value: channels.byChannel.online, color: '#0b5cad', label: 'Trực tuyến' },
                { value: channels.byChannel.in_person, color: '#9aa4b0', label: 'Trực tiếp' },
                { value: channels.byChannel.post, color: '#c58b00', label: 'Bưu chính' },
              ]}
            />
          )}
        </div>
        <div className="card">
          <h3>Hài lòng</h3>
          <p>
            <strong className="big">{pct(sat?.satisfiedPercent)}</strong> trong {sat?.total ?? 0} lượt đánh
            giá
          </p>
          {sat && (
            <Bar
              parts={[
                { value: sat.very_satisfied, color: '#1f7a3a', label: 'Rất hài lòng' },
                { value: sat.satisfied, color: '#6aa84f', label: 'Hài lòng' },
                { value: sat.unsatisfied, color: '#b3261e', label: 'Không hài lòng' },
              ]}
            />
          )}
        </div>
      </div>
      <div className="grid2" style={{ marginTop: 14 }}>
        <div className="panel">
          <h2>Theo lĩnh vực</h2>
          <table className="data">
            <thead>
              <tr>
                <th>Lĩnh vực</th>
                <th>Tổng</th>
                <th>Đúng hạn</th>
                <th>Trễ hạn</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(overview?.byField ?? {}).map(([field, t]) => (
                <tr key={field}>
                  <td>{FIELD_LABELS[field] ?? field}</td>
                  <td>{t.total}</td>
                  <td>{t.onTime}</td>
                  <td>{t.late}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="panel">
          <h2>Theo trạng thái</h2>
          <table className="data">
            <tbody>
              {Object.entries(overview?.byStatus ?? {}).map(([status, n]) => (
                <tr key={status}>
                  <td>{STATUS_INFO[status as DossierStatus]?.label ?? status}</td>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
