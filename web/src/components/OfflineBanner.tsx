import { online } from '../api/client';
import { fr } from '../i18n/fr';
import { useStore } from '../lib/store';

export function OfflineBanner() {
  const isOnline = useStore(online);
  if (isOnline) return null;
  return (
    <div class="offline" role="status" data-testid="offline-banner">
      {fr.app.offline}
    </div>
  );
}
