import { useState } from 'preact/hooks';
import { startBulkSign } from '../api/endpoints';
import type { BulkItem, Consent } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { Link } from '../components/Link';
import { PinDialog } from '../components/PinDialog';
import { fr } from '../i18n/fr';
import { readTitles, rememberTitles } from '../lib/bulk-titles';
import { navigate } from '../lib/router';
import { isFinished, useBatch } from './bulk-progress';

const STATUS_LABEL: Record<BulkItem['status'], string> = {
  queued: fr.bulk.waiting,
  running: fr.bulk.running,
  done: fr.bulk.signed,
  failed: fr.bulk.failed,
};

export function BulkPage({ id }: { id: string }) {
  const { batch, error, streamLost } = useBatch(id);
  const [retrying, setRetrying] = useState<BulkItem[] | null>(null);
  const titles = readTitles();
  if (error && !batch) return <ErrorNotice error={error} />;
  if (!batch) return <p class="loading">{fr.app.loading}</p>;
  const total = batch.items.length;
  const finished = batch.items.filter(isFinished).length;
  const failed = batch.items.filter((item) => item.status === 'failed');
  const percent = total === 0 ? 0 : Math.round((finished / total) * 100);
  const titleOf = (item: BulkItem) => item.title ?? titles[item.folderId] ?? item.folderId;

  const retry = async (consent: Consent) => {
    const items = retrying ?? [];
    const next = await startBulkSign(items.map((item) => item.folderId), consent);
    rememberTitles(Object.fromEntries(items.map((item) => [item.folderId, titleOf(item)])));
    setRetrying(null);
    navigate(`/lots/${next.batchId}`);
  };

  return (
    <section class="bulk">
      <h1>{fr.bulk.title}</h1>
      {streamLost && <p class="notice">{fr.bulk.connectionLost}</p>}
      <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={finished} aria-valuetext={fr.bulk.progress(finished, total)}>
        <div class="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p class="progress__label" data-testid="bulk-progress">{fr.bulk.progress(finished, total)}</p>
      <ul class="bulk-list">
        {batch.items.map((item) => (
          <li key={item.folderId} class={`bulk-item bulk-item--${item.status}`} data-testid="bulk-item" data-status={item.status}>
            <Link href={`/dossiers/${item.folderId}`} class="bulk-item__title">{titleOf(item)}</Link>
            <span class="bulk-item__status">{STATUS_LABEL[item.status]}</span>
            {item.status === 'failed' && (
              <>
                {item.error && <span class="bulk-item__error">{item.error}</span>}
                <button type="button" class="button button--secondary" onClick={() => setRetrying([item])}>{fr.bulk.retry}</button>
              </>
            )}
          </li>
        ))}
      </ul>
      {finished === total && <p class="notice notice--success" role="status">{fr.bulk.finished}</p>}
      <div class="button-row">
        {failed.length > 1 && <button type="button" class="button button--secondary" onClick={() => setRetrying(failed)}>{fr.bulk.retryFailed}</button>}
        <Link href="/?vue=signes" class="button button--primary">{fr.bulk.backToInbox}</Link>
      </div>
      {retrying && <PinDialog titles={retrying.map(titleOf)} onConfirm={retry} onClose={() => setRetrying(null)} />}
    </section>
  );
}
