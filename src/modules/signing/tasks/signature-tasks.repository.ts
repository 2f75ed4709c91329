import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { Folder } from '../../folders/folder.entity';
import { SignatureTask, SignatureTaskStatus } from '../../folders/signature-task.entity';
import { SigningError, SigningErrorCode } from '../signing.errors';

/** A task as signing sees it (the entity stays in this repository). */
export interface SignatureTaskView {
  id: string;
  tenantId: string;
  folderId: string;
  folderStepId: string;
  round: number;
  documentId: string;
  baseVersion: number;
  status: `${SignatureTaskStatus}`;
  signerUserId: string | null;
  deskId: string | null;
  onBehalfOfDeskId: string | null;
  consentId: string | null;
  attempts: number;
  error: string | null;
}

/** The lifecycle of `signature_tasks` rows (created by folders, run by signing), always in the caller's transaction. */
@Injectable()
export class SignatureTasksRepository {
  /** `SELECT … FOR UPDATE`: a second run of the same job waits here, then finds the task done. */
  async lock(manager: EntityManager, tenantId: string, id: string): Promise<SignatureTaskView | null> {
    const task = await manager.getRepository(SignatureTask).findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } });
    return task ? toView(task) : null;
  }

  async markRunning(manager: EntityManager, id: string): Promise<void> {
    await manager.createQueryBuilder().update(SignatureTask)
      .set({ status: SignatureTaskStatus.Running, attempts: () => 'attempts + 1', error: null })
      .where('id = :id', { id }).execute();
  }

  async markDone(manager: EntityManager, id: string, resultVersionId: string): Promise<void> {
    await manager.update(SignatureTask, { id }, { status: SignatureTaskStatus.Done, resultVersionId, error: null });
  }

  async markFailed(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.update(SignatureTask, { id }, { status: SignatureTaskStatus.Failed, error: reason });
  }

  /** A failed task of the tenant back to queued; 404 foreign or unknown, 409 when not failed. */
  async requeueFailed(manager: EntityManager, tenantId: string, id: string): Promise<SignatureTaskView> {
    const task = await this.lock(manager, tenantId, id);
    if (!task) throw new SigningError(SigningErrorCode.TaskNotFound, `Aucune tâche de signature avec l’identifiant ${id}.`);
    if (task.status !== SignatureTaskStatus.Failed) {
      throw new SigningError(SigningErrorCode.TaskNotRetryable, `Cette tâche de signature est « ${task.status} » : seule une tâche en échec peut être relancée.`);
    }
    await manager.update(SignatureTask, { id }, { status: SignatureTaskStatus.Queued, error: null });
    return { ...task, status: SignatureTaskStatus.Queued, error: null };
  }

  /** The tasks of one desk's signature (or the seal) on a step and round. */
  async forDesk(manager: EntityManager, task: SignatureTaskView): Promise<SignatureTaskView[]> {
    const rows = await manager.getRepository(SignatureTask).find({
      where: { tenantId: task.tenantId, folderStepId: task.folderStepId, round: task.round },
    });
    return rows.map(toView).filter((row) => row.deskId === task.deskId);
  }

  /** Every task of a folder, oldest first. */
  async forFolder(manager: EntityManager, tenantId: string, folderId: string): Promise<SignatureTaskView[]> {
    const rows = await manager.getRepository(SignatureTask).find({ where: { tenantId, folderId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toView);
  }

  async folderExists(manager: EntityManager, tenantId: string, folderId: string): Promise<boolean> {
    return manager.getRepository(Folder).existsBy({ tenantId, id: folderId });
  }

  /** Seal tasks of a folder still waiting for their job. */
  async queuedSeals(manager: EntityManager, tenantId: string, folderId: string): Promise<string[]> {
    const rows = await manager.getRepository(SignatureTask).find({
      select: { id: true },
      where: { tenantId, folderId, signerUserId: IsNull(), status: SignatureTaskStatus.Queued },
    });
    return rows.map((row) => row.id);
  }
}

function toView(task: SignatureTask): SignatureTaskView {
  return {
    id: task.id,
    tenantId: task.tenantId,
    folderId: task.folderId,
    folderStepId: task.folderStepId,
    round: task.round,
    documentId: task.documentId,
    baseVersion: task.baseVersion,
    status: task.status,
    signerUserId: task.signerUserId,
    deskId: task.deskId,
    onBehalfOfDeskId: task.onBehalfOfDeskId,
    consentId: task.consentId,
    attempts: task.attempts,
    error: task.error,
  };
}
