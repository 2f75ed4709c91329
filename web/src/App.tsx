import { useEffect, useState } from 'preact/hooks';
import { FlashMessage } from './components/FlashMessage';
import { Header } from './components/Header';
import { OfflineBanner } from './components/OfflineBanner';
import { fr } from './i18n/fr';
import { forgetDirectory, loadDirectory } from './lib/directory';
import { lazyPage } from './lib/lazy';
import { isAdminPath, isPasswordLinkPath, matchPath, useLocation } from './lib/router';
import { loadSession, session } from './lib/session';
import { useStore } from './lib/store';
import { InboxPage } from './pages/InboxPage';
import { LoginPage } from './pages/LoginPage';

const FolderPage = lazyPage(() => import('./pages/FolderPage').then((m) => m.FolderPage));
const BulkPage = lazyPage(() => import('./pages/BulkPage').then((m) => m.BulkPage));
const SignaturePage = lazyPage(() => import('./pages/SignaturePage').then((m) => m.SignaturePage));
const CreatePage = lazyPage(() => import('./pages/CreatePage').then((m) => m.CreatePage));
const FollowPage = lazyPage(() => import('./pages/FollowPage').then((m) => m.FollowPage));
const AdminPage = lazyPage(() => import('./pages/admin/AdminPage').then((m) => m.AdminPage));
const PasswordLinkPage = lazyPage(() => import('./pages/admin/PasswordLinkPage').then((m) => m.PasswordLinkPage));

function Routes() {
  const { path } = useLocation();
  if (path === '/') return <InboxPage />;
  const folder = matchPath('/dossiers/:id', path);
  if (folder) return <FolderPage id={folder.id} />;
  const batch = matchPath('/lots/:id', path);
  if (batch) return <BulkPage id={batch.id} />;
  if (path === '/signature') return <SignaturePage />;
  if (path === '/nouveau') return <CreatePage />;
  if (path === '/suivi') return <FollowPage />;
  if (isAdminPath(path)) return <AdminPage path={path} />;
  if (isPasswordLinkPath(path)) return <PasswordLinkPage />;
  return <p class="notice">{fr.app.notFound}</p>;
}

export function App() {
  const me = useStore(session);
  const { path } = useLocation();
  const [bootError, setBootError] = useState(false);
  useEffect(() => {
    loadSession().catch(() => setBootError(true));
  }, []);
  useEffect(() => {
    if (me) void loadDirectory();
    else if (me === null) forgetDirectory();
  }, [me]);

  return (
    <>
      <a class="skip-link" href="#main">{fr.app.skipToContent}</a>
      <OfflineBanner />
      {me && <Header me={me} />}
      <main id="main" class="main" tabIndex={-1}>
        {me === undefined && !bootError && <p class="loading">{fr.app.loading}</p>}
        {me === undefined && bootError && (
          <p class="notice notice--error" role="alert">
            {fr.app.networkError}{' '}
            <button type="button" class="button button--secondary" onClick={() => { setBootError(false); loadSession().catch(() => setBootError(true)); }}>
              {fr.app.retry}
            </button>
          </p>
        )}
        {me === null && (isPasswordLinkPath(path) ? <PasswordLinkPage /> : <LoginPage />)}
        {me && <Routes />}
      </main>
      <FlashMessage />
    </>
  );
}
