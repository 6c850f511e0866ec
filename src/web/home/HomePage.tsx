import { useEffect, useState } from 'react';
import { ROLE_LABELS, type UserView } from '../../core/api/auth.ts';
import type { CounterView, UnitView } from '../../core/api/units.ts';
import { Link } from '../ui/Layout.tsx';
import { useSession } from '../ui/session.tsx';
import { useApi } from '../ui/useApi.ts';
import { LeaderDashboard } from './LeaderDashboard.tsx';

const COUNTER_KEY = 'kv.counterId';

function CounterPicker(props: { unit: UnitView }) {
  const { data: counters } = useApi<CounterView[]>(`/api/units/${props.unit.id}/counters`);
  const [chosen, setChosen] = useState<number | null>(
    () => Number(localStorage.getItem(COUNTER_KEY)) || null,
  );
  useEffect(() => {
    if (chosen) localStorage.setItem(COUNTER_KEY, String(chosen));
  }, [chosen]);
  const active = counters?.filter((c) => c.active) ?? [];
  return (
    <section className="panel" aria-label="Chọn quầy">
      <h2>Quầy làm việc — {props.unit.name}</h2>
      <p className="muted">Chọn quầy anh/chị đang ngồi; máy này sẽ ghi nhớ lựa chọn.</p>
      <div className="row">
        {active.map((c) => (
          <button
            key={c.id}
            type="button"
            aria-pressed={chosen === c.id}
            className={chosen === c.id ? 'primary shrink' : 'shrink'}
            onClick={() => setChosen(c.id)}
          >
            {c.name}
          </button>
        ))}
        {counters && active.length === 0 && (
          <span className="muted">Đơn vị chưa có quầy đang hoạt động.</span>
        )}
      </div>
    </section>
  );
}

function Figures(props: { units: UnitView[]; users: UserView[] }) {
  const byRole = (r: string) => props.users.filter((u) => u.role === r && u.active).length;
  return (
    <div className="cards">
      <div className="card">
        <h3>Đơn vị</h3>
        <p>
          <strong>{props.units.filter((u) => u.active).length}</strong> đơn vị đang hoạt động
        </p>
      </div>
      <div className="card">
        <h3>Cán bộ tiếp nhận</h3>
        <p>
          <strong>{byRole('officer')}</strong> người
        </p>
      </div>
      <div className="card">
        <h3>Chuyên viên xử lý</h3>
        <p>
          <strong>{byRole('processor')}</strong> người
        </p>
      </div>
      <div className="card">
        <h3>Lãnh đạo</h3>
        <p>
          <strong>{byRole('leader')}</strong> người
        </p>
      </div>
    </div>
  );
}

export function HomePage() {
  const { user } = useSession();
  const { data: units } = useApi<UnitView[]>('/api/units');
  const { data: users } = useApi<UserView[]>('/api/users');
  const { data: health } = useApi<{ database: string; version: string }>('/api/health');
  const myUnits = units?.filter((u) => user.unitIds.includes(u.id)) ?? [];

  return (
    <>
      <h1>
        Xin chào, {user.fullName} <span className="badge">{ROLE_LABELS[user.role]}</span>
      </h1>
      <p className="muted">{myUnits.map((u) => u.name).join(', ')}</p>
      {user.role === 'officer' && myUnits[0] && <CounterPicker unit={myUnits[0]} />}
      {user.role === 'officer' && (
        <p style={{ marginTop: 10 }}>
          <Link href="/quay">Mở màn hình quầy tiếp nhận →</Link>
        </p>
      )}
      {user.role === 'admin' && (
        <div className="cards" style={{ marginBottom: 14 }}>
          <div className="card">
            <h3>
              <Link href="/quan-tri/don-vi">Đơn vị & quầy</Link>
            </h3>
            <p>Cây đơn vị, mã cơ quan, quầy của bộ phận một cửa.</p>
          </div>
          <div className="card">
            <h3>
              <Link href="/quan-tri/tai-khoan">Tài khoản</Link>
            </h3>
            <p>Cán bộ, vai trò và đơn vị công tác.</p>
          </div>
          <div className="card">
            <h3>Hệ thống</h3>
            <p>
              Phiên bản {health?.version ?? '…'} · CSDL{' '}
              {health?.database === 'postgres' ? 'PostgreSQL' : 'SQLite'}
            </p>
          </div>
        </div>
      )}
      {(user.role === 'leader' || user.role === 'admin') && <LeaderDashboard />}
      {(user.role === 'leader' || user.role === 'admin') && units && users && (
        <section aria-label="Số liệu" style={{ marginTop: 14 }}>
          <h2>Số liệu các đơn vị được xem</h2>
          <Figures units={units} users={users} />
        </section>
      )}
      {user.role === 'processor' && units && users && (
        <section className="panel" aria-label="Đơn vị">
          <h2>Đồng nghiệp cùng đơn vị</h2>
          <table className="data">
            <thead>
              <tr>
                <th>Họ tên</th>
                <th>Vai trò</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.fullName}</td>
                  <td>{ROLE_LABELS[u.role]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
