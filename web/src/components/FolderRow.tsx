import type { InboxFolder } from '../api/types';
import { fr } from '../i18n/fr';
import { directory, typologyLabel } from '../lib/directory';
import { formatDate } from '../lib/format';
import { isLate } from '../lib/folder-facts';
import { useStore } from '../lib/store';
import { Link } from './Link';

interface Props {
  folder: InboxFolder;
  delegationLabel: string | null;
  selectable: boolean;
  selected: boolean;
  onToggle: (id: string) => void;
}

export function FolderRow({ folder, delegationLabel, selectable, selected, onToggle }: Props) {
  const dir = useStore(directory);
  const typology = typologyLabel(dir, folder.typologyId);
  return (
    <li class={`folder-row${selected ? ' folder-row--selected' : ''}`} data-testid="folder-row" data-folder-id={folder.id}>
      {selectable && (
        <label class="folder-row__check">
          <input type="checkbox" checked={selected} onChange={() => onToggle(folder.id)} aria-label={fr.inbox.select(folder.title)} />
        </label>
      )}
      <Link href={`/dossiers/${folder.id}`} class="folder-row__main">
        <span class="folder-row__title">{folder.title}</span>
        <span class="folder-row__meta">
          {typology && <span>{typology}</span>}
          {folder.externalId && <span>{folder.externalId}</span>}
          {folder.viaDelegation && <span class="tag tag--delegation">{delegationLabel ?? fr.inbox.byDelegation}</span>}
        </span>
      </Link>
      <span class="folder-row__side">
        {isLate(folder) && <span class="tag tag--late">{fr.inbox.late}</span>}
        {folder.dueAt && <span class="muted">{fr.inbox.due(formatDate(folder.dueAt))}</span>}
      </span>
    </li>
  );
}
