import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { FolderComment } from './folder-comment.entity';
import { FolderStep } from './folder-step.entity';
import { Folder } from './folder.entity';
import { StepApproval } from './step-approval.entity';

/** Folders, their steps, approvals and comments. Every query names the tenant: a foreign id finds nothing. */
@Injectable()
export class FoldersRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insertFolder(manager: EntityManager, values: Partial<Folder>): Promise<Folder> {
    const repository = manager.getRepository(Folder);
    return repository.save(repository.create(values));
  }

  findFolder(manager: EntityManager, tenantId: string, id: string): Promise<Folder | null> {
    return manager.getRepository(Folder).findOneBy({ id, tenantId });
  }

  /** `SELECT … FOR UPDATE` of the folder row: actions on one folder run one at a time. */
  lockFolder(manager: EntityManager, tenantId: string, id: string): Promise<Folder | null> {
    return manager.getRepository(Folder).createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where('f.id = :id AND f.tenant_id = :tenantId', { id, tenantId })
      .getOne();
  }

  findByExternalId(manager: EntityManager, tenantId: string, externalId: string): Promise<Folder | null> {
    return manager.getRepository(Folder).findOneBy({ tenantId, externalId });
  }

  findByIdempotencyKey(manager: EntityManager, tenantId: string, idempotencyKey: string): Promise<Folder | null> {
    return manager.getRepository(Folder).findOneBy({ tenantId, idempotencyKey });
  }

  async updateFolder(manager: EntityManager, folder: Folder, change: Partial<Pick<Folder, 'status' | 'currentStep' | 'circuitVersionId' | 'finishedReason' | 'finishedAt'>>): Promise<void> {
    await manager.getRepository(Folder).update({ id: folder.id, tenantId: folder.tenantId }, { ...change, version: folder.version + 1 });
    Object.assign(folder, change, { version: folder.version + 1 });
  }

  steps(manager: EntityManager, tenantId: string, folderIds: readonly string[]): Promise<FolderStep[]> {
    if (folderIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(FolderStep).find({ where: { tenantId, folderId: In([...folderIds]) }, order: { position: 'ASC' } });
  }

  insertSteps(manager: EntityManager, steps: Array<Partial<FolderStep>>): Promise<FolderStep[]> {
    const repository = manager.getRepository(FolderStep);
    return repository.save(steps.map((step) => repository.create(step)));
  }

  async updateStep(manager: EntityManager, step: FolderStep, change: Partial<Pick<FolderStep, 'status' | 'round' | 'activatedAt' | 'completedAt'>>): Promise<void> {
    await manager.getRepository(FolderStep).update({ id: step.id, tenantId: step.tenantId }, change);
    Object.assign(step, change);
  }

  approvals(manager: EntityManager, tenantId: string, stepIds: readonly string[]): Promise<StepApproval[]> {
    if (stepIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(StepApproval).find({ where: { tenantId, folderStepId: In([...stepIds]) }, order: { at: 'ASC' } });
  }

  insertApproval(manager: EntityManager, values: Partial<StepApproval>): Promise<StepApproval> {
    const repository = manager.getRepository(StepApproval);
    return repository.save(repository.create(values));
  }

  insertComment(manager: EntityManager, values: Partial<FolderComment>): Promise<FolderComment> {
    const repository = manager.getRepository(FolderComment);
    return repository.save(repository.create(values));
  }

  /** Public comments, and the private ones of this author (a user id or an API key id). */
  comments(manager: EntityManager, tenantId: string, folderId: string, viewer: { userId: string | null; apiKeyId: string | null }): Promise<FolderComment[]> {
    return manager.getRepository(FolderComment).createQueryBuilder('c')
      .where('c.tenant_id = :tenantId AND c.folder_id = :folderId', { tenantId, folderId })
      .andWhere(`(c.visibility = 'public' OR c.author_user_id = :userId OR c.author_api_key_id = :apiKeyId)`, {
        userId: viewer.userId,
        apiKeyId: viewer.apiKeyId,
      })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  }
}
