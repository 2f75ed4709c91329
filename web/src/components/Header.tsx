import type { Me } from '../api/types';
import { fr } from '../i18n/fr';
import { isAdminPath, useLocation } from '../lib/router';
import { hasRole, logout } from '../lib/session';
import { Link } from './Link';

function NavLink({ href, label, current }: { href: string; label: string; current: boolean }) {
  return (
    <Link href={href} class="nav__link" aria-current={current ? 'page' : undefined}>
      {label}
    </Link>
  );
}

export function Header({ me }: { me: Me }) {
  const { path } = useLocation();
  const isClerk = hasRole(me, 'clerk');
  return (
    <header class="topbar">
      <Link href="/" class="topbar__brand">
        <img src="/icons/icon.svg" alt="" width={32} height={32} />
        <span>{fr.app.name}</span>
      </Link>
      <nav class="nav" aria-label={fr.nav.menu}>
        <NavLink href="/" label={fr.nav.inbox} current={path === '/' || path.startsWith('/dossiers')} />
        {isClerk && <NavLink href="/nouveau" label={fr.nav.create} current={path === '/nouveau'} />}
        {isClerk && <NavLink href="/suivi" label={fr.nav.follow} current={path === '/suivi'} />}
        <NavLink href="/signature" label={fr.nav.signature} current={path === '/signature'} />
        {hasRole(me, 'admin') && <NavLink href="/admin" label={fr.nav.admin} current={isAdminPath(path)} />}
      </nav>
      <div class="topbar__user">
        <span class="topbar__name">{me.displayName}</span>
        <button type="button" class="button button--ghost" onClick={() => void logout()}>
          {fr.nav.logout}
        </button>
      </div>
    </header>
  );
}
