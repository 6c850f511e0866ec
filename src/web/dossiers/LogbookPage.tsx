import { useState } from 'react';
import type { LogbookView } from '../../core/api/logbook.ts';
import type { UnitView } from '../../core/api/units.ts';
import { Link } from '../ui/Layout.tsx';
import { useSession } from '../ui/session.tsx';
import { useApi } from '../ui/useApi.ts';
import { localTime, todayLocal } from './dossier-api.ts';
import { dossierHref } from './QueuePage.tsx';
import './dossiers.css';

function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/** Sổ theo dõi hồ sơ of one unit for a period, on screen and as an Excel file. */
export function LogbookPage() {
  const { user } = useSession();
  const units = useApi<UnitView[]>('/api/units');
  const desks = (units.data ?? []).filter((u) => u.kind === 'commune' || user.unitIds.includes(u.id));
  const [unitId, setUnitId] = useState<number | null>(user.unitIds.length === 1 ? user.unitIds[0]! : null);
  const today = todayLocal();
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const chosen = unitId ?? desks[0]?.id ?? null;
  const q = `from=${from}&to=${to}`;
  const book = useApi<LogbookView>(chosen && from && to ? `/api/units/${chosen}/logbook?${q}` : null);
  const rows = book.data?.rows ?? [];
  const late = rows.filter((r) => r.timeliness === 'late').length;

  return (
    <div className="dossiers">
      <h1>Sổ theo dõi hồ sơ</h1>
      <div className="panel filters">
        <label>
          <span>Đơn vị</span>
          <select value={chosen ?? ''} onChange={(e) => setUnitId(Number(e.target.value))}>
            {desks.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Từ ngày</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          <span>Đến ngày</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        {chosen && (
          <a className="button primary shrink" href={`/api/units/${chosen}/logbook.xlsx?${q}`} download>
            Tải Excel
          </a>
        )}
      </div>
      {book.error && (
        <div className="alert error" role="alert">
          {book.error}
        </div>
      )}
      <div className="panel">
        <p className="muted">
          {rows.length} hồ sơ{late > 0 ? `, ${late} quá hạn` : ''}
        </p>
        <table className="data logbook">
          <thead>
            <tr>
              <th>STT</th>
              <th>Mã hồ sơ</th>
              <th>Người nộp</th>
              <th>Thủ tục</th>
              <th>Nhận</th>
              <th>Hẹn trả</th>
              <th>Hoàn thành</th>
              <th>Trả kết quả</th>
              <th>Kết quả</th>
              <th>Kênh</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code} className={r.timeliness === 'late' ? 'overdue' : undefined}>
                <td>{r.logbookNumber}</td>
                <td className="code">
                  <Link href={dossierHref(r.code)}>{r.code}</Link>
                </td>
                <td>{r.applicantName}</td>
                <td>{r.procedureName}</td>
                <td>{localTime(r.receivedAt)}</td>
                <td>{localTime(r.dueAt)}</td>
                <td>{localTime(r.finishedAt)}</td>
                <td>{localTime(r.returnedAt)}</td>
                <td>{r.timelinessLabel || r.statusLabel}</td>
                <td>{r.channelLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
