import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FolderStep } from './folder-step.entity';
import { SignatureTask, SignatureTaskStatus } from './signature-task.entity';

export interface NewStepTasks {
  tenantId: string;
  folderId: string;
  step: FolderStep;
  documents: ReadonlyArray<{ documentId: string; version: number }>;
  signerUserId: string | null;
  deskId: string | null;
  onBehalfOfDeskId: string | null;
  consentId: string | null;
}

/** Signature tasks: one per step, round and document; creating them twice returns the existing ones. */
@Injectable()
export class SignatureTasksRepository {
  async createForStep(manager: EntityManager, input: NewStepTasks): Promise<SignatureTask[]> {
    if (input.documents.length > 0) {
      await manager.createQueryBuilder().insert().into(SignatureTask)
        .values(input.documents.map((document) => ({
          tenantId: input.tenantId,
          folderId: input.folderId,
          folderStepId: input.step.id,
          round: input.step.round,
          documentId: document.documentId,
          baseVersion: document.version,
          signerUserId: input.signerUserId,
          deskId: input.deskId,
          onBehalfOfDeskId: input.onBehalfOfDeskId,
          consentId: input.consentId,
          status: SignatureTaskStatus.Queued,
          attempts: 0,
        })))
        .orIgnore()
        .execute();
    }
    return manager.getRepository(SignatureTask).find({
      where: { tenantId: input.tenantId, folderStepId: input.step.id, round: input.step.round },
      order: { createdAt: 'ASC' },
    });
  }

  forFolder(manager: EntityManager, tenantId: string, folderId: string): Promise<SignatureTask[]> {
    return manager.getRepository(SignatureTask).find({ where: { tenantId, folderId }, order: { createdAt: 'ASC' } });
  }
}
