import { useEffect, useState } from 'preact/hooks';
import { listFolders } from '../api/endpoints';
import type { FolderStatus, FolderSummary, Page } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { Link } from '../components/Link';
import { fr } from '../i18n/fr';
import { isLate } from '../lib/folder-facts';
import { formatDate } from '../lib/format';

const STATUSES: FolderStatus[] = ['in_progress', 'completed', 'rejected', 'withdrawn'];

export function FollowPage() {
  const [status, setStatus] = useState<FolderStatus | ''>('in_progress');
  const [page, setPage] = useState<Page<FolderSummary> | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setPage(null);
    setError(null);
    listFolders({ status: status || undefined }).then((next) => live && setPage(next)).catch((failure) => live && setError(failure));
    return () => { live = false; };
  }, [status]);

  const more = () => {
    if (!page?.nextCursor) return;
    listFolders({ status: status || undefined, cursor: page.nextCursor })
      .then((next) => setPage({ ...next, items: [...page.items, ...next.items] }))
      .catch(setError);
  };

  return (
    <section class="follow">
      <h1>{fr.follow.title}</h1>
      <div class="chips" role="group" aria-label={fr.follow.filter}>
        <button type="button" class="chip" aria-pressed={status === ''} onClick={() => setStatus('')}>{fr.follow.all}</button>
        {STATUSES.map((name) => (
          <button key={name} type="button" class="chip" aria-pressed={status === name} onClick={() => setStatus(name)}>{fr.status[name]}</button>
        ))}
      </div>
      <ErrorNotice error={error} />
      {!page && !error && <p class="loading">{fr.app.loading}</p>}
      {page && page.items.length === 0 && <p class="empty">{fr.follow.empty}</p>}
      <ul class="folder-list">
        {page?.items.map((folder) => (
          <li key={folder.id} class="folder-row" data-testid="follow-row">
            <Link href={`/dossiers/${folder.id}`} class="folder-row__main">
              <span class="folder-row__title">{folder.title}</span>
              <span class="folder-row__meta">
                <span class={`status status--${folder.status}`}>{fr.status[folder.status]}</span>
                {isLate(folder) && <span class="tag tag--late">{fr.inbox.late}</span>}
                <span class="muted">{formatDate(folder.createdAt)}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {page?.nextCursor && <button type="button" class="button button--secondary" onClick={more}>{fr.inbox.loadMore}</button>}
    </section>
  );
}
