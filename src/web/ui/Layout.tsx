import type { ReactNode } from 'react';
import { ROLE_LABELS } from '../../core/api/auth.ts';
import { navigate } from './router.ts';
import { useSession } from './session.tsx';

interface NavItem {
  href: string;
  label: string;
}

function navFor(role: string): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: 'Trang chủ' }];
  if (role === 'officer' || role === 'admin') items.push({ href: '/quay', label: 'Quầy tiếp nhận' });
  if (['processor', 'officer', 'leader', 'admin'].includes(role)) {
    items.push({ href: '/ho-so', label: 'Hồ sơ' }, { href: '/so-theo-doi', label: 'Sổ theo dõi' });
  }
  if (role === 'admin') {
    items.push(
      { href: '/quan-tri/don-vi', label: 'Đơn vị & quầy' },
      { href: '/quan-tri/tai-khoan', label: 'Tài khoản' },
      { href: '/quan-tri/mau-don', label: 'Mẫu đơn' },
    );
  }
  return items;
}

export function Link(props: { href: string; children: ReactNode; current?: boolean }) {
  return (
    <a
      href={props.href}
      aria-current={props.current ? 'page' : undefined}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}

export function Layout(props: { path: string; children: ReactNode }) {
  const { user, logout } = useSession();
  return (
    <>
      <header className="topbar">
        <div className="brand">
          Không Viết<small>Bộ phận một cửa</small>
        </div>
        <nav aria-label="Chính">
          {navFor(user.role).map((i) => (
            <Link
              key={i.href}
              href={i.href}
              current={i.href === '/' ? props.path === '/' : props.path.startsWith(i.href)}
            >
              {i.label}
            </Link>
          ))}
        </nav>
        <span className="who">
          {user.fullName} · {ROLE_LABELS[user.role]}
        </span>
        <button type="button" onClick={() => void logout()}>
          Đăng xuất
        </button>
      </header>
      <main className="page">{props.children}</main>
    </>
  );
}
