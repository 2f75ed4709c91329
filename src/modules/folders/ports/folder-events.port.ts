import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../../common/auth';
import type { FolderOutcome } from '../folder-state-machine';

/** Who an audit entry names besides the caller: the desk acted for, and "en l'absence de …". */
export interface AuditActorDetails {
  deskId?: string;
  onBehalfOfDeskId?: string;
  onBehalfOfName?: string;
}

export interface FolderAuditEntry {
  action: string;
  folderId: string;
  payload: Record<string, string | number | boolean | null>;
  actor?: AuditActorDetails;
}

/** A worker acting without a request (the signing worker, an automatic seal). */
export interface WorkerActor {
  readonly tenantId: string;
  readonly kind: 'worker' | 'system';
  readonly id: string;
  readonly name?: string;
}

/**
 * Audit and notifications, called inside the use case's transaction so they commit or roll back with
 * the change they record. Bound to the audit and notifications modules.
 */
export abstract class FolderEvents {
  abstract audit(manager: EntityManager, actor: AuthContext | WorkerActor, entry: FolderAuditEntry): Promise<void>;
  abstract stepActivated(manager: EntityManager, tenantId: string, folderId: string, deskIds: readonly string[]): Promise<void>;
  abstract folderFinished(manager: EntityManager, tenantId: string, folderId: string, outcome: FolderOutcome, reason?: string): Promise<void>;
  /** « Relance »: mails the holders and delegates of `deskIds`; returns how many mails were queued. */
  abstract reminded(manager: EntityManager, tenantId: string, folderId: string, deskIds: readonly string[], byName: string): Promise<number>;
}
