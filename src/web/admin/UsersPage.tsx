import { type FormEvent, useState } from 'react';
import { ROLE_LABELS, type Role, type UserView } from '../../core/api/auth.ts';
import type { UnitView } from '../../core/api/units.ts';
import { api } from '../ui/api.ts';
import { Alert, Field, type FormErrors, NO_ERRORS, toFormErrors } from '../ui/FormBits.tsx';
import { useApi } from '../ui/useApi.ts';

interface UserDraft {
  username: string;
  fullName: string;
  password: string;
  role: Role;
  unitIds: number[];
}

function UserForm(props: { units: UnitView[]; user: UserView | null; onSaved(): void }) {
  const [draft, setDraft] = useState<UserDraft>(() =>
    props.user
      ? {
          username: props.user.username,
          fullName: props.user.fullName,
          password: '',
          role: props.user.role,
          unitIds: props.user.unitIds,
        }
      : { username: '', fullName: '', password: '', role: 'officer', unitIds: [] },
  );
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [ok, setOk] = useState<string | null>(null);
  const set = <K extends keyof UserDraft>(k: K, v: UserDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setOk(null);
    try {
      if (props.user) {
        const { username: _u, password, ...rest } = draft;
        await api('PATCH', `/api/users/${props.user.id}`, password ? { ...rest, password } : rest);
        setOk(password ? 'Đã lưu và đặt lại mật khẩu' : 'Đã lưu thay đổi');
      } else {
        await api('POST', '/api/users', draft);
        setOk('Đã tạo tài khoản');
        setDraft({ username: '', fullName: '', password: '', role: 'officer', unitIds: [] });
      }
      props.onSaved();
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }

  return (
    <form onSubmit={save} aria-label={props.user ? 'Sửa tài khoản' : 'Tạo tài khoản'}>
      <Alert errors={errors} ok={ok} />
      <div className="row">
        <Field label="Tên đăng nhập" name="username" errors={errors}>
          <input
            value={draft.username}
            disabled={!!props.user}
            onChange={(e) => set('username', e.target.value)}
          />
        </Field>
        <Field label="Họ và tên" name="fullName" errors={errors}>
          <input value={draft.fullName} onChange={(e) => set('fullName', e.target.value)} />
        </Field>
      </div>
      <div className="row">
        <Field label="Vai trò" name="role" errors={errors}>
          <select value={draft.role} onChange={(e) => set('role', e.target.value as Role)}>
            {Object.entries(ROLE_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={props.user ? 'Mật khẩu mới (để trống nếu giữ nguyên)' : 'Mật khẩu (ít nhất 8 ký tự)'}
          name="password"
          errors={errors}
        >
          <input
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(e) => set('password', e.target.value)}
          />
        </Field>
      </div>
      <Field label="Đơn vị công tác" name="unitIds" errors={errors}>
        <select
          multiple
          size={Math.min(6, props.units.length)}
          value={draft.unitIds.map(String)}
          onChange={(e) =>
            set(
              'unitIds',
              [...e.target.selectedOptions].map((o) => Number(o.value)),
            )
          }
        >
          {props.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button className="primary shrink" type="submit">
          {props.user ? 'Lưu' : 'Tạo tài khoản'}
        </button>
      </div>
    </form>
  );
}

export function UsersPage() {
  const { data: users, reload } = useApi<UserView[]>('/api/users');
  const { data: units } = useApi<UnitView[]>('/api/units');
  const [editing, setEditing] = useState<UserView | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const unitName = (id: number) => units?.find((u) => u.id === id)?.name ?? `#${id}`;

  async function toggle(u: UserView) {
    setErrors(NO_ERRORS);
    try {
      await api('PATCH', `/api/users/${u.id}`, { active: !u.active });
      reload();
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }

  return (
    <>
      <h1>Tài khoản</h1>
      <Alert errors={errors} />
      <div className="grid2">
        <section className="panel" aria-label="Danh sách tài khoản">
          <table className="data">
            <thead>
              <tr>
                <th>Tên đăng nhập</th>
                <th>Họ tên</th>
                <th>Vai trò</th>
                <th>Đơn vị</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users?.map((u) => (
                <tr key={u.id} className={u.active ? '' : 'inactive'}>
                  <td>
                    <button type="button" className="shrink" onClick={() => setEditing(u)}>
                      {u.username}
                    </button>
                  </td>
                  <td>{u.fullName}</td>
                  <td>{ROLE_LABELS[u.role]}</td>
                  <td>{u.unitIds.map(unitName).join(', ')}</td>
                  <td style={{ textAlign: 'right' }}>
                    <button type="button" onClick={() => void toggle(u)}>
                      {u.active ? 'Khóa' : 'Mở khóa'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel" aria-label="Tài khoản">
          <div className="row">
            <h2>{editing ? `Sửa: ${editing.username}` : 'Tạo tài khoản mới'}</h2>
            {editing && (
              <button type="button" className="shrink" onClick={() => setEditing(null)}>
                + Tạo mới
              </button>
            )}
          </div>
          {units && <UserForm key={editing?.id ?? 'new'} units={units} user={editing} onSaved={reload} />}
        </section>
      </div>
    </>
  );
}
