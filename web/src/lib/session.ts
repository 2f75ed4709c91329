import { fetchMe, logout as apiLogout } from '../api/endpoints';
import { sessionLost } from '../api/client';
import { ApiError } from '../api/problem';
import type { Me } from '../api/types';
import { Store } from './store';

/** undefined while we ask the server who is signed in; null when nobody is. */
export const session = new Store<Me | null | undefined>(undefined);

sessionLost.subscribe(() => session.set(null));

export async function loadSession(): Promise<void> {
  try {
    session.set(await fetchMe());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) session.set(null);
    else throw error;
  }
}

export async function logout(everywhere = false): Promise<void> {
  try {
    await apiLogout(everywhere);
  } finally {
    session.set(null);
  }
}

export function hasRole(me: Me, role: 'admin' | 'clerk' | 'signer'): boolean {
  return me.roles.includes(role) || (role === 'clerk' && me.roles.includes('admin'));
}
