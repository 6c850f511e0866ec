import { useMemo, useState } from 'react';
import { FIELD_LABELS } from '../../core/api/procedures.ts';
import type { CounterView } from '../../core/api/units.ts';
import { type DossierStatus, STATUS_INFO } from '../../core/dossier/states.ts';
import { Link } from '../ui/Layout.tsx';
import { useSession } from '../ui/session.tsx';
import { useApi } from '../ui/useApi.ts';
import {
  type DossierListItem,
  dueState,
  localDayStartIso,
  localTime,
  type ProcedureItem,
} from './dossier-api.ts';
import './dossiers.css';

const TABS: { status: DossierStatus | ''; label: string }[] = [
  { status: 'new', label: 'Trực tuyến chờ tiếp nhận' },
  { status: 'received', label: 'Đã tiếp nhận' },
  { status: 'processing', label: 'Đang xử lý' },
  { status: 'supplement_requested', label: 'Chờ bổ sung' },
  { status: 'awaiting_payment', label: 'Chờ nghĩa vụ tài chính' },
  { status: 'processed', label: 'Đã xử lý xong' },
  { status: 'returned', label: 'Đã trả kết quả' },
  { status: '', label: 'Tất cả' },
];

interface Filters {
  procedureCode: string;
  field: string;
  counterId: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { procedureCode: '', field: '', counterId: '', from: '', to: '' };

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function dossierHref(code: string): string {
  return `/ho-so/${encodeURIComponent(code)}`;
}

/** The processor's work queue: dossiers by state, overdue and due-soon ones marked, with filters. */
export function QueuePage() {
  const { user } = useSession();
  const unitId = user.unitIds.length === 1 ? user.unitIds[0] : undefined;
  const [tab, setTab] = useState<DossierStatus | ''>(user.role === 'officer' ? 'processed' : 'received');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));

  const procedures = useApi<ProcedureItem[]>(unitId ? `/api/procedures?unitId=${unitId}` : '/api/procedures');
  const counters = useApi<CounterView[]>(unitId ? `/api/units/${unitId}/counters` : null);

  const query = useMemo(() => {
    const q = new URLSearchParams({ limit: '500' });
    if (tab) q.set('status', tab);
    if (filters.procedureCode) q.set('procedureCode', filters.procedureCode);
    if (filters.counterId) q.set('counterId', filters.counterId);
    if (filters.from) q.set('from', localDayStartIso(filters.from));
    if (filters.to) q.set('to', localDayStartIso(nextDay(filters.to)));
    return `/api/dossiers?${q}`;
  }, [tab, filters.procedureCode, filters.counterId, filters.from, filters.to]);
  const list = useApi<DossierListItem[]>(query);

  const procByCode = useMemo(
    () => new Map((procedures.data ?? []).map((p) => [p.code, p])),
    [procedures.data],
  );
  const fields = useMemo(() => [...new Set((procedures.data ?? []).map((p) => p.field))], [procedures.data]);
  const rows = (list.data ?? []).filter(
    (d) => !filters.field || procByCode.get(d.procedureCode)?.field === filters.field,
  );
  const now = new Date();
  const overdue = rows.filter((d) => dueState(d, now) === 'overdue').length;
  const soon = rows.filter((d) => dueState(d, now) === 'soon').length;

  return (
    <div className="dossiers">
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h1>Hồ sơ cần xử lý</h1>
        <span className="shrink muted">
          {rows.length} hồ sơ
          {overdue > 0 && <span className="due-badge overdue">{overdue} quá hạn</span>}
          {soon > 0 && <span className="due-badge soon">{soon} sắp đến hạn</span>}
        </span>
      </div>
      <div className="tabs" role="tablist" aria-label="Trạng thái hồ sơ">
        {TABS.map((t) => (
          <button
            key={t.status || 'all'}
            type="button"
            role="tab"
            aria-selected={tab === t.status}
            onClick={() => setTab(t.status)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="panel filters">
        <label>
          <span>Thủ tục</span>
          <select value={filters.procedureCode} onChange={(e) => set('procedureCode', e.target.value)}>
            <option value="">Tất cả thủ tục</option>
            {(procedures.data ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Lĩnh vực</span>
          <select value={filters.field} onChange={(e) => set('field', e.target.value)}>
            <option value="">Tất cả lĩnh vực</option>
            {fields.map((f) => (
              <option key={f} value={f}>
                {FIELD_LABELS[f] ?? f}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Quầy</span>
          <select
            value={filters.counterId}
            onChange={(e) => set('counterId', e.target.value)}
            disabled={!counters.data}
          >
            <option value="">Tất cả quầy</option>
            {(counters.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Nhận từ ngày</span>
          <input type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          <span>Đến ngày</span>
          <input type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} />
        </label>
        <button type="button" className="shrink" onClick={() => setFilters(NO_FILTERS)}>
          Bỏ lọc
        </button>
      </div>
      {list.error && (
        <div className="alert error" role="alert">
          {list.error}
        </div>
      )}
      <div className="panel">
        <table className="data queue">
          <thead>
            <tr>
              <th>Mã hồ sơ</th>
              <th>Người nộp</th>
              <th>Thủ tục</th>
              <th>Nhận lúc</th>
              <th>Hẹn trả</th>
              <th>Trạng thái</th>
              <th>Kênh</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => {
              const due = dueState(d, now);
              return (
                <tr key={d.code} className={due ?? undefined}>
                  <td className="code">
                    <Link href={dossierHref(d.code)}>{d.code}</Link>
                  </td>
                  <td>{d.applicant.name}</td>
                  <td>{procByCode.get(d.procedureCode)?.name ?? d.procedureCode}</td>
                  <td>{localTime(d.receivedAt)}</td>
                  <td>
                    {localTime(d.dueAt)}
                    {due === 'overdue' && <span className="due-badge overdue">Quá hạn</span>}
                    {due === 'soon' && <span className="due-badge soon">Sắp đến hạn</span>}
                  </td>
                  <td>{STATUS_INFO[d.status].label}</td>
                  <td>{d.channelLabel}</td>
                </tr>
              );
            })}
            {list.data && rows.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  Không có hồ sơ nào.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
