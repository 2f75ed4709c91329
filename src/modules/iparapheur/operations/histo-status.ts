import { FolderAuditAction, StepKind } from '../../folders/folder-state-machine';

/** The i-Parapheur statuses GetHistoDossier answers (the last one is what clients poll). */
export enum IparapheurStatus {
  NonLu = 'NonLu',
  Lu = 'Lu',
  EnCoursVisa = 'EnCoursVisa',
  Vise = 'Vise',
  Signe = 'Signe',
  PretCachet = 'PretCachet',
  CachetOK = 'CachetOK',
  RejetVisa = 'RejetVisa',
  RejetSignataire = 'RejetSignataire',
  RejetCachet = 'RejetCachet',
  Archive = 'Archive',
}

/** One audit event of the folder, as far as the history needs it. */
export interface HistoryEvent {
  at: string;
  action: string;
  actorName: string | undefined;
  payload: Record<string, unknown>;
}

export interface LogEntry {
  timestamp: string;
  nom: string;
  status: IparapheurStatus;
  annotation: string;
}

const REJECTED_BY_KIND: Record<StepKind, IparapheurStatus> = {
  [StepKind.Visa]: IparapheurStatus.RejetVisa,
  [StepKind.Signature]: IparapheurStatus.RejetSignataire,
  [StepKind.Seal]: IparapheurStatus.RejetCachet,
};

const ACTIVATED_BY_KIND: Record<StepKind, { status: IparapheurStatus; annotation: string }> = {
  [StepKind.Visa]: { status: IparapheurStatus.EnCoursVisa, annotation: 'En attente de visa' },
  [StepKind.Signature]: { status: IparapheurStatus.NonLu, annotation: 'En attente de signature' },
  [StepKind.Seal]: { status: IparapheurStatus.PretCachet, annotation: 'En attente du cachet' },
};

function positionOf(event: HistoryEvent): number | undefined {
  const position = event.payload.position;
  return typeof position === 'number' ? position : undefined;
}

/**
 * Maps one audit event of a folder to a LogDossier entry, or null for events a client has no use for
 * (step completed, skipped, comments…). A completed folder's last entry is `Archive` (i-Parapheur's
 * "end of circuit"); a rejection is RejetVisa / RejetSignataire / RejetCachet after the step's kind.
 */
export function toLogEntry(event: HistoryEvent, stepKinds: ReadonlyMap<number, StepKind>, defaultName: string): LogEntry | null {
  const entry = (status: IparapheurStatus, annotation: string): LogEntry => ({ timestamp: event.at, nom: event.actorName ?? defaultName, status, annotation });
  switch (event.action) {
    case 'folder.created':
      return entry(IparapheurStatus.NonLu, 'Dossier déposé');
    case FolderAuditAction.StepActivated: {
      const kind = event.payload.kind as StepKind;
      const activated = ACTIVATED_BY_KIND[kind];
      return activated ? entry(activated.status, `${activated.annotation} (étape ${positionOf(event) ?? '?'})`) : null;
    }
    case FolderAuditAction.Visa:
      return entry(IparapheurStatus.Vise, 'Visa donné');
    case FolderAuditAction.SignatureRecorded:
      return entry(IparapheurStatus.Signe, 'Dossier signé');
    case FolderAuditAction.SealRecorded:
      return entry(IparapheurStatus.CachetOK, 'Cachet apposé');
    case FolderAuditAction.Rejected: {
      const position = positionOf(event);
      const kind = position === undefined ? undefined : stepKinds.get(position);
      const reason = typeof event.payload.reason === 'string' ? event.payload.reason : '';
      return entry(kind ? REJECTED_BY_KIND[kind] : IparapheurStatus.RejetSignataire, reason);
    }
    case FolderAuditAction.Withdrawn:
      return entry(IparapheurStatus.NonLu, 'Dossier retiré par l’émetteur (droit de remords)');
    case FolderAuditAction.Completed:
      return entry(IparapheurStatus.Archive, 'Circuit terminé');
    case FolderAuditAction.Archived:
      return entry(IparapheurStatus.Archive, 'Dossier archivé');
    default:
      return null;
  }
}
