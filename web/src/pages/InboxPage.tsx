import { useEffect, useState } from 'preact/hooks';
import { type FolderView, listView, startBulkSign } from '../api/endpoints';
import type { Consent, FolderSummary, InboxFolder, Me, Page } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { FolderRow } from '../components/FolderRow';
import { PinDialog } from '../components/PinDialog';
import { fr } from '../i18n/fr';
import { rememberTitles } from '../lib/bulk-titles';
import { stepKindOf } from '../lib/folder-facts';
import { formatDate } from '../lib/format';
import { navigate, useLocation } from '../lib/router';
import { session } from '../lib/session';
import { useStore } from '../lib/store';

type InboxTab = 'toSign' | 'toApprove' | 'late' | 'done';
const TABS: InboxTab[] = ['toSign', 'toApprove', 'late', 'done'];
const VIEWS: FolderView[] = ['to-act', 'delegated', 'late', 'done'];
const TAB_SLUGS: Record<InboxTab, string> = { toSign: 'a-signer', toApprove: 'a-viser', late: 'en-retard', done: 'signes' };

type Lists = Partial<Record<FolderView, Page<FolderSummary>>>;

function countOf(folders: InboxFolder[] | null, more: boolean): string {
  if (!folders) return '…';
  return more ? `${folders.length}+` : String(folders.length);
}

function tabFromSlug(slug: string | null): InboxTab {
  return TABS.find((tab) => TAB_SLUGS[tab] === slug) ?? 'toSign';
}

function rows(page: Page<FolderSummary> | undefined, viaDelegation: boolean): InboxFolder[] {
  return (page?.items ?? []).map((folder) => ({ ...folder, viaDelegation }));
}

/** Each tab from the API's per-desk views; null while a view it needs is still loading. */
function tabRows(lists: Lists, tab: InboxTab): InboxFolder[] | null {
  if (tab === 'late') return lists.late ? rows(lists.late, false) : null;
  if (tab === 'done') return lists.done ? rows(lists.done, false) : null;
  if (!lists['to-act'] || !lists.delegated) return null;
  const waiting = [...rows(lists['to-act'], false), ...rows(lists.delegated, true)];
  return waiting.filter((folder) => (stepKindOf(folder) === 'visa') === (tab === 'toApprove'));
}

function hasMore(lists: Lists, tab: InboxTab): boolean {
  const views: FolderView[] = tab === 'late' ? ['late'] : tab === 'done' ? ['done'] : ['to-act', 'delegated'];
  return views.some((view) => Boolean(lists[view]?.nextCursor));
}

/** Arrow keys move between tabs, as people expect from a tab list. */
function moveTab(event: KeyboardEvent, tab: InboxTab, reset: () => void): void {
  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
  if (step === 0) return;
  event.preventDefault();
  const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length];
  reset();
  navigate(`/?vue=${TAB_SLUGS[next]}`, { replace: true });
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="tab-${next}"]`)?.focus());
}

function delegationLabel(me: Me | null | undefined): string | null {
  return me && me.delegatedDesks.length === 1 ? fr.inbox.onBehalfOf(me.delegatedDesks[0].name) : null;
}

function useInboxLists(): { lists: Lists; error: unknown; reload: () => void; loadMore: (views: FolderView[]) => void } {
  const [lists, setLists] = useState<Lists>({});
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    for (const view of VIEWS) {
      listView(view)
        .then((page) => live && setLists((current) => ({ ...current, [view]: page })))
        .catch((failure) => live && setError(failure));
    }
    return () => { live = false; };
  }, [generation]);
  const loadMore = (views: FolderView[]) => {
    for (const view of views) {
      const cursor = lists[view]?.nextCursor;
      if (!cursor) continue;
      listView(view, { cursor })
        .then((next) => setLists((current) => ({ ...current, [view]: { ...next, items: [...(current[view]?.items ?? []), ...next.items] } })))
        .catch(setError);
    }
  };
  return { lists, error, reload: () => setGeneration((n) => n + 1), loadMore };
}

export function InboxPage() {
  const me = useStore(session);
  const { params } = useLocation();
  const tab = tabFromSlug(params.get('vue'));
  const { lists, error, reload, loadMore } = useInboxLists();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [askPin, setAskPin] = useState(false);
  const current = tabRows(lists, tab);
  const items = current ?? [];
  const selectable = tab === 'toSign';
  const chosen = items.filter((folder) => selected.has(folder.id));

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const selectAll = () => setSelected(new Set(items.map((folder) => folder.id)));

  const confirmBulk = async (consent: Consent) => {
    const batch = await startBulkSign(chosen.map((folder) => folder.id), consent);
    rememberTitles(Object.fromEntries(chosen.map((folder) => [folder.id, folder.title])));
    navigate(`/lots/${batch.batchId}`);
  };

  return (
    <section class="inbox">
      <div class="page-head">
        <h1>{fr.inbox.title}</h1>
        <button type="button" class="button button--secondary" onClick={reload}>{fr.inbox.refresh}</button>
      </div>
      {me && me.delegatedDesks.length > 0 && (
        <ul class="delegations">
          {me.delegatedDesks.map((desk) => (
            <li key={desk.id} class="tag tag--delegation">
              {fr.inbox.delegatedUntil(desk.label, formatDate(desk.endsAt))}
            </li>
          ))}
        </ul>
      )}
      <div class="tabs" role="tablist" aria-label={fr.inbox.title} onKeyDown={(event) => moveTab(event, tab, () => setSelected(new Set()))}>
        {TABS.map((name) => (
          <a
            key={name}
            role="tab"
            href={`/?vue=${TAB_SLUGS[name]}`}
            aria-selected={name === tab}
            tabIndex={name === tab ? 0 : -1}
            class="tabs__tab"
            data-testid={`tab-${name}`}
            onClick={(event) => { event.preventDefault(); setSelected(new Set()); navigate(`/?vue=${TAB_SLUGS[name]}`, { replace: true }); }}
          >
            <span>{fr.inbox.tabs[name]}</span>
            <span class="tabs__count" data-testid={`count-${name}`}>{countOf(tabRows(lists, name), hasMore(lists, name))}</span>
          </a>
        ))}
      </div>
      <ErrorNotice error={error} />
      <div role="tabpanel" class="inbox__panel">
        {selectable && items.length > 1 && (
          <button type="button" class="button button--ghost" onClick={selectAll}>{fr.inbox.selectAll}</button>
        )}
        {current && items.length === 0 && <p class="empty">{fr.inbox.empty}</p>}
        {!current && !error && <p class="loading">{fr.app.loading}</p>}
        <ul class="folder-list">
          {items.map((folder) => (
            <FolderRow key={folder.id} folder={folder} delegationLabel={delegationLabel(me)} selectable={selectable} selected={selected.has(folder.id)} onToggle={toggle} />
          ))}
        </ul>
        {hasMore(lists, tab) && (
          <button type="button" class="button button--secondary" onClick={() => loadMore(tab === 'late' ? ['late'] : tab === 'done' ? ['done'] : ['to-act', 'delegated'])}>
            {fr.inbox.loadMore}
          </button>
        )}
      </div>
      {selectable && chosen.length > 0 && (
        <div class="selection-bar" role="region" aria-label={fr.inbox.selected(chosen.length)}>
          <span>{fr.inbox.selected(chosen.length)}</span>
          <button type="button" class="button button--ghost-light" onClick={() => setSelected(new Set())}>{fr.inbox.clearSelection}</button>
          <button type="button" class="button button--accent" data-testid="sign-selection" onClick={() => setAskPin(true)}>
            {fr.inbox.signSelection}
          </button>
        </div>
      )}
      {askPin && <PinDialog titles={chosen.map((folder) => folder.title)} onConfirm={confirmBulk} onClose={() => setAskPin(false)} />}
    </section>
  );
}
