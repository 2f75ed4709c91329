import { Store } from './store';

export interface Flash {
  kind: 'success' | 'error';
  text: string;
}

/** One short status message at a time, announced politely to screen readers. */
export const flash = new Store<Flash | null>(null);
let timer: ReturnType<typeof setTimeout> | undefined;

export function showFlash(kind: Flash['kind'], text: string): void {
  flash.set({ kind, text });
  clearTimeout(timer);
  timer = setTimeout(() => flash.set(null), 6000);
}
