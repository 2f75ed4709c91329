import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { fr } from '../i18n/fr';

/** A page loaded on first visit, so the inbox shell stays small on slow links. */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Component) return;
      load()
        .then((component) => {
          loaded = component;
          setComponent(() => component);
        })
        .catch(() => setFailed(true));
    }, [Component]);
    if (failed) return <p role="alert" class="notice notice--error">{fr.app.networkError}</p>;
    if (!Component) return <p class="loading">{fr.app.loading}</p>;
    return <Component {...props} />;
  };
}
