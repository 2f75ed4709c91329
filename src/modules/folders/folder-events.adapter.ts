import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../common/auth';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { FolderWebhooks } from '../webhooks/folder-webhooks';
import type { FolderOutcome } from './folder-state-machine';
import { FolderEvents, type FolderAuditEntry, type WorkerActor } from './ports/folder-events.port';

/**
 * FolderEvents over the hash-chained audit trail, the mail notifications and the webhooks, all in the
 * caller's transaction and on its connection (outbox and delivery rows commit with the change; mails
 * and deliveries leave after commit).
 */
@Injectable()
export class AuditAndNotificationsFolderEvents extends FolderEvents {
  constructor(
    private readonly audits: AuditService,
    private readonly notifications: NotificationsService,
    private readonly webhooks: FolderWebhooks,
  ) {
    super();
  }

  async audit(manager: EntityManager, actor: AuthContext | WorkerActor, entry: FolderAuditEntry): Promise<void> {
    await this.audits.append(manager, actor, { action: entry.action, folderId: entry.folderId, payload: entry.payload, actor: entry.actor });
    await this.webhooks.onFolderAudit(manager, actor.tenantId, entry);
  }

  async stepActivated(manager: EntityManager, tenantId: string, folderId: string, deskIds: readonly string[]): Promise<void> {
    await this.notifications.notifyStepActivated(manager, tenantId, folderId, deskIds);
  }

  async folderFinished(manager: EntityManager, tenantId: string, folderId: string, outcome: FolderOutcome, reason?: string): Promise<void> {
    await this.notifications.notifyFolderFinished(manager, tenantId, folderId, outcome, reason);
  }

  reminded(manager: EntityManager, tenantId: string, folderId: string, deskIds: readonly string[], byName: string): Promise<number> {
    return this.notifications.notifyReminder(manager, tenantId, folderId, deskIds, byName);
  }
}
