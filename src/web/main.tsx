import { type ReactElement, StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { UserView } from '../core/api/auth.ts';
import { UnitsPage } from './admin/UnitsPage.tsx';
import { UsersPage } from './admin/UsersPage.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { CounterPage } from './counter/CounterPage.tsx';
import { DossierPage } from './dossiers/DossierPage.tsx';
import { LogbookPage } from './dossiers/LogbookPage.tsx';
import { QueuePage } from './dossiers/QueuePage.tsx';
import { HomePage } from './home/HomePage.tsx';
import { PortalPage } from './portal/PortalPage.tsx';
import { ScanTestPage } from './scan/ScanTestPage.tsx';
import { TemplatesAdminPage } from './templates-admin/TemplatesAdminPage.tsx';
import { TrackingPage } from './tracking/TrackingPage.tsx';
import { api, setCsrfToken } from './ui/api.ts';
import { Layout } from './ui/Layout.tsx';
import { navigate, usePath } from './ui/router.ts';
import { SessionContext } from './ui/session.tsx';
import './ui/styles.css';

function App() {
  const path = usePath();
  const [user, setUser] = useState<UserView | null | undefined>(undefined);

  useEffect(() => {
    api<{ user: UserView; csrfToken: string }>('GET', '/api/auth/me')
      .then((me) => {
        setCsrfToken(me.csrfToken);
        setUser(me.user);
      })
      .catch(() => setUser(null));
  }, []);

  const logout = useCallback(async () => {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    setCsrfToken(undefined);
    setUser(null);
    navigate('/dang-nhap');
  }, []);

  // Public pages (the citizen's tracking page, opened from the receipt's QR) need no login.
  if (path === '/tra-cuu') return <TrackingPage />;
  if (path === '/dich-vu-cong' || path.startsWith('/dich-vu-cong/')) return <PortalPage path={path} />;
  if (user === undefined) return null;
  if (user === null) {
    return (
      <LoginPage
        onLoggedIn={(u, csrf) => {
          setCsrfToken(csrf);
          setUser(u);
          if (path === '/dang-nhap') navigate('/');
        }}
      />
    );
  }

  let page: ReactElement;
  if (path.startsWith('/quan-tri/don-vi') && user.role === 'admin') page = <UnitsPage />;
  else if (path.startsWith('/quan-tri/tai-khoan') && user.role === 'admin') page = <UsersPage />;
  else if (path.startsWith('/quan-tri/mau-don') && user.role === 'admin') page = <TemplatesAdminPage />;
  else if (path === '/thu-quet' && ['admin', 'officer', 'processor'].includes(user.role))
    page = <ScanTestPage />;
  else if (path.startsWith('/quay') && (user.role === 'officer' || user.role === 'admin'))
    page = <CounterPage />;
  else if (path === '/ho-so') page = <QueuePage />;
  else if (path.startsWith('/ho-so/'))
    page = <DossierPage code={decodeURIComponent(path.slice('/ho-so/'.length))} />;
  else if (path === '/so-theo-doi') page = <LogbookPage />;
  else page = <HomePage />;

  return (
    <SessionContext.Provider value={{ user, logout }}>
      <Layout path={path}>{page}</Layout>
    </SessionContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
