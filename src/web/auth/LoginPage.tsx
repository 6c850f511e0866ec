import { type FormEvent, useState } from 'react';
import type { UserView } from '../../core/api/auth.ts';
import { ApiError, api } from '../ui/api.ts';

export function LoginPage(props: { onLoggedIn(user: UserView, csrfToken: string): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ user: UserView; csrfToken: string }>('POST', '/api/auth/login', {
        username,
        password,
      });
      props.onLoggedIn(res.user, res.csrfToken);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Không đăng nhập được');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-wrap">
      <form className="login" onSubmit={submit} aria-label="Đăng nhập">
        <h1>Không Viết</h1>
        <p className="tag">Bộ phận tiếp nhận và trả kết quả — công dân không phải viết</p>
        {error && (
          <div className="alert error" role="alert">
            {error}
          </div>
        )}
        <label className="field">
          <span>Tên đăng nhập</span>
          <input
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Mật khẩu</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button className="primary" type="submit" disabled={busy} style={{ width: '100%', marginTop: 6 }}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </div>
  );
}
