import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from './webhook-event-type';
import { WebhooksService } from './webhooks.service';

/** What integrators get about the folder in every folder event. */
export interface FolderSummary {
  id: string;
  title: string;
  externalId: string | null;
  status: string;
  typologyId: string;
  currentStep: number | null;
  createdAt: string;
  updatedAt: string;
}

interface FolderRow {
  id: string;
  title: string;
  external_id: string | null;
  status: string;
  typology_id: string;
  current_step: number | null;
  created_at: Date;
  updated_at: Date;
}

/** A folder audit entry as the folders module writes it (its action names match the event types). */
export interface FolderAuditLike {
  action: string;
  folderId: string;
  payload: Record<string, string | number | boolean | null>;
}

function isEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * The bridge for the folders and signing modules: turns their audit entries (folder.created,
 * folder.step_completed, folder.completed, folder.rejected, folder.withdrawn) and signature failures
 * into webhook events with a folder summary, in the caller's transaction.
 */
@Injectable()
export class FolderWebhooks {
  constructor(private readonly webhooks: WebhooksService) {}

  async onFolderAudit(manager: EntityManager, tenantId: string, entry: FolderAuditLike): Promise<void> {
    if (!isEventType(entry.action) || entry.action === WebhookEventType.SignatureFailed) return;
    await this.publish(manager, tenantId, entry.action, entry.folderId, entry.payload);
  }

  async signatureFailed(manager: EntityManager, tenantId: string, folderId: string, details: { documentId?: string; reason: string }): Promise<void> {
    await this.publish(manager, tenantId, WebhookEventType.SignatureFailed, folderId, details);
  }

  private async publish(manager: EntityManager, tenantId: string, type: WebhookEventType, folderId: string, details: Record<string, unknown>): Promise<void> {
    const folder = await folderSummary(manager, tenantId, folderId);
    if (!folder) return;
    await this.webhooks.publish(manager, tenantId, { type, folderId, data: { folder, details } });
  }
}

async function folderSummary(manager: EntityManager, tenantId: string, folderId: string): Promise<FolderSummary | null> {
  const [row]: FolderRow[] = await manager.query(
    'SELECT id, title, external_id, status, typology_id, current_step, created_at, updated_at FROM folders WHERE tenant_id = $1 AND id = $2',
    [tenantId, folderId],
  );
  if (!row) return null;
  return {
    id: row.id, title: row.title, externalId: row.external_id, status: row.status, typologyId: row.typology_id,
    currentStep: row.current_step, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}
