import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type BulkAction, BulkBatch, BulkBatchStatus } from './bulk-batch.entity';
import { BulkItem, BulkItemStatus } from './bulk-item.entity';

const OPEN = [BulkItemStatus.Queued, BulkItemStatus.Running];

@Injectable()
export class BulkRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The batch and its items in one transaction, items in the order given. */
  async create(values: { tenantId: string; userId: string; action: BulkAction; consentId: string | null; folderIds: string[] }): Promise<{ batch: BulkBatch; items: BulkItem[] }> {
    return this.dataSource.transaction(async (manager) => {
      const batches = manager.getRepository(BulkBatch);
      const batch = await batches.save(batches.create({ tenantId: values.tenantId, userId: values.userId, action: values.action, consentId: values.consentId, status: BulkBatchStatus.Running, completedAt: null }));
      const items = manager.getRepository(BulkItem);
      const saved = await items.save(values.folderIds.map((folderId, position) => items.create({ tenantId: values.tenantId, batchId: batch.id, folderId, position, status: BulkItemStatus.Queued, error: null })));
      return { batch, items: saved };
    });
  }

  findBatch(tenantId: string, id: string): Promise<BulkBatch | null> {
    return this.dataSource.getRepository(BulkBatch).findOneBy({ tenantId, id });
  }

  findItem(tenantId: string, batchId: string, itemId: string): Promise<BulkItem | null> {
    return this.dataSource.getRepository(BulkItem).findOneBy({ tenantId, batchId, id: itemId });
  }

  items(tenantId: string, batchId: string): Promise<BulkItem[]> {
    return this.dataSource.getRepository(BulkItem).find({ where: { tenantId, batchId }, order: { position: 'ASC' } });
  }

  /** Moves an item on only from an open state (a finished item never changes again), then closes the batch when nothing is open. */
  async settleItem(manager: EntityManager | undefined, tenantId: string, itemId: string, status: BulkItemStatus, error: string | null = null): Promise<void> {
    const m = manager ?? this.dataSource.manager;
    const from = status === BulkItemStatus.Running ? [BulkItemStatus.Queued] : OPEN;
    const item = await m.getRepository(BulkItem).findOneBy({ tenantId, id: itemId });
    if (!item) return;
    await m.update(BulkItem, { tenantId, id: itemId, status: In(from) }, { status, error });
    await this.closeIfFinished(m, tenantId, item.batchId);
  }

  /** After a signature task settles: the open items of batches made with that consent, for that folder. */
  async settleByConsent(manager: EntityManager, tenantId: string, consentId: string, folderId: string, status: BulkItemStatus, error: string | null = null): Promise<void> {
    const batches = await manager.getRepository(BulkBatch).find({ select: { id: true }, where: { tenantId, consentId } });
    for (const batch of batches) {
      await manager.update(BulkItem, { tenantId, batchId: batch.id, folderId, status: In(OPEN) }, { status, error });
      await this.closeIfFinished(manager, tenantId, batch.id);
    }
  }

  private async closeIfFinished(manager: EntityManager, tenantId: string, batchId: string): Promise<void> {
    const open = await manager.getRepository(BulkItem).countBy({ tenantId, batchId, status: In(OPEN) });
    if (open === 0) {
      await manager.update(BulkBatch, { tenantId, id: batchId, status: BulkBatchStatus.Running }, { status: BulkBatchStatus.Done, completedAt: new Date() });
    }
  }
}
