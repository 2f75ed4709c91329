import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../api/problem';
import { showFlash } from '../../lib/flash';
import { frAdmin } from './i18n';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  reload: () => void;
}

/** Loads once on mount and again on `reload()`; the previous data stays shown meanwhile. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load()
      .then((value) => { if (live) { setData(value); setError(null); } })
      .catch((caught: unknown) => { if (live) setError(caught); });
    return () => { live = false; };
  }, [round, ...deps]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, reload };
}

/** Runs an admin change: busy while it runs, a flash message after, the error kept for the form. */
export function useAction(): { busy: boolean; error: unknown; setError: (error: unknown) => void; run: <T>(action: () => Promise<T>, success?: string) => Promise<T | undefined> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>, success?: string): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      if (success) showFlash('success', success);
      return result;
    } catch (caught) {
      setError(caught);
      showFlash('error', errorMessage(caught));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/** A titled block of an admin page. */
export function Section({ title, children, actions, id }: { title: string; children: ComponentChildren; actions?: ComponentChildren; id?: string }) {
  return (
    <section class="card admin-section" aria-labelledby={id}>
      <div class="admin-section__head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A secret shown once (API key, webhook secret), with a copy button. */
export function OnceSecret({ label, value }: { label: string; value: string }) {
  const copy = () => {
    void navigator.clipboard?.writeText(value).then(() => showFlash('success', frAdmin.copied), () => undefined);
  };
  return (
    <div class="notice notice--success admin-secret" role="status">
      <p>{label}</p>
      <code data-testid="once-secret">{value}</code>
      <p class="muted">{frAdmin.shownOnce}</p>
      <button type="button" class="button button--secondary" onClick={copy}>{frAdmin.copy}</button>
    </div>
  );
}

/** Days from now until an instant (negative once past). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.ceil((Date.parse(iso) - now) / 86_400_000);
}
