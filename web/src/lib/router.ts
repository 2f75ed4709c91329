import { Store, useStore } from './store';

function here(): string {
  return `${location.pathname}${location.search}`;
}

/** The current path + query; the app is a handful of pages, a router library would weigh more. */
export const location$ = new Store<string>(typeof location === 'undefined' ? '/' : here());

if (typeof window !== 'undefined') window.addEventListener('popstate', () => location$.set(here()));

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === here()) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location$.set(here());
  window.scrollTo(0, 0);
}

export function useLocation(): { path: string; params: URLSearchParams } {
  const full = useStore(location$);
  const url = new URL(full, 'http://app.invalid');
  return { path: url.pathname, params: url.searchParams };
}

/** Matches `/dossiers/:id`-style patterns; returns the named segments or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** The administration area (`/admin`, `/admin/circuits/…`), loaded on first visit. */
export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

/** The page opened from an invitation or password-reset e-mail (`/mot-de-passe#jeton=…`), shown signed in or not. */
export function isPasswordLinkPath(path: string): boolean {
  return path === '/mot-de-passe';
}
