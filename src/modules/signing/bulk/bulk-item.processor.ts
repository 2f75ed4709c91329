import { Injectable } from '@nestjs/common';
import { ActorKind, type AuthContext, isUserRole, scopesForRoles } from '../../../common/auth';
import { DomainError } from '../../../common/errors';
import type { JobContext } from '../../jobs/job-driver';
import { JobHandler } from '../../jobs/job-handler.decorator';
import { JobName, type JobPayloads, JOBS } from '../../jobs/job-names';
import { UsersRepository } from '../../users/users.repository';
import { SealDispatcher } from '../tasks/seal-dispatcher';
import { SignActionService } from '../tasks/sign-action.service';
import { SignatureWorkflowPort } from '../tasks/signature-workflow.port';
import { BulkAction, type BulkBatch } from './bulk-batch.entity';
import { BulkItemStatus } from './bulk-item.entity';
import { BulkRepository } from './bulk.repository';

const GONE = 'Le compte qui a lancé cette action groupée n’est plus actif.';
const TECHNICAL = 'Erreur technique pendant le traitement de ce dossier : relancez l’action sur ce dossier.';

/**
 * One folder of a bulk action, on its own: an expected refusal (not your step, already signed,
 * folder gone…) fails this item with its French reason and never the others. A sign item is done
 * when the signature jobs of the folder are done (the sign processor settles it).
 */
@Injectable()
export class BulkItemProcessor {
  constructor(
    private readonly bulk: BulkRepository,
    private readonly users: UsersRepository,
    private readonly signing: SignActionService,
    private readonly workflow: SignatureWorkflowPort,
    private readonly seals: SealDispatcher,
  ) {}

  @JobHandler(JobName.SigningBulkItem)
  async processBulkItem(payload: JobPayloads[JobName.SigningBulkItem], context: JobContext): Promise<void> {
    const batch = await this.bulk.findBatch(payload.tenantId, payload.batchId);
    const item = await this.bulk.findItem(payload.tenantId, payload.batchId, payload.itemId);
    if (!batch || !item || item.status !== BulkItemStatus.Queued) return;
    try {
      const ctx = await this.contextOf(batch);
      if (!ctx) return await this.bulk.settleItem(undefined, batch.tenantId, item.id, BulkItemStatus.Failed, GONE);
      await this.act(ctx, batch, item.id, item.folderId);
    } catch (error) {
      if (error instanceof DomainError) return await this.bulk.settleItem(undefined, batch.tenantId, item.id, BulkItemStatus.Failed, error.detail);
      if (context.attempt >= JOBS[JobName.SigningBulkItem].retry.attempts) {
        await this.bulk.settleItem(undefined, batch.tenantId, item.id, BulkItemStatus.Failed, TECHNICAL);
      }
      throw error;
    }
  }

  private async act(ctx: AuthContext, batch: BulkBatch, itemId: string, folderId: string): Promise<void> {
    if (batch.action === BulkAction.Visa) {
      await this.workflow.visa(ctx, folderId);
      await this.bulk.settleItem(undefined, batch.tenantId, itemId, BulkItemStatus.Done);
      await this.seals.dispatch(batch.tenantId, folderId);
      return;
    }
    if (!batch.consentId) throw new Error(`bulk batch ${batch.id} signs without a consent`);
    const begun = await this.signing.begin(ctx, folderId, batch.consentId);
    const allDone = begun.tasks.every((task) => task.status === 'done');
    // Only from queued: the signature jobs may already have settled the item.
    await this.bulk.settleItem(undefined, batch.tenantId, itemId, allDone ? BulkItemStatus.Done : BulkItemStatus.Running);
  }

  /** The batch's author as at the time of the action (roles re-read: a deactivated person acts no more). */
  private async contextOf(batch: BulkBatch): Promise<AuthContext | undefined> {
    const user = await this.users.findInTenant(batch.tenantId, batch.userId);
    if (!user?.active) return undefined;
    const roles = user.roles.filter(isUserRole);
    return {
      tenantId: batch.tenantId,
      actorKind: ActorKind.User,
      apiClientId: null,
      userId: user.id,
      scopes: scopesForRoles(roles),
      roles,
      displayName: user.displayName,
    };
  }
}
