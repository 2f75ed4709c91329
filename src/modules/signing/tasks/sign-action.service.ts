import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../../common/auth';
import { JobName } from '../../jobs/job-names';
import { JobsService } from '../../jobs/jobs.service';
import { type ConsentProof, ConsentService } from '../consent/consent.service';
import type { SignAcceptedDto, SignatureTaskDto, SignatureTaskRefDto } from '../dto/sign.dto';
import { SigningError, SigningErrorCode } from '../signing.errors';
import { personOf } from '../keys/signing-keys.service';
import { SignatureTasksRepository } from './signature-tasks.repository';
import { type BegunSignature, SignatureWorkflowPort } from './signature-workflow.port';

/** The `sign` action: consent (PIN or TOTP), tasks created in one transaction, jobs enqueued after commit. */
@Injectable()
export class SignActionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: SignatureWorkflowPort,
    private readonly tasks: SignatureTasksRepository,
    private readonly consents: ConsentService,
    private readonly jobs: JobsService,
  ) {}

  async sign(ctx: AuthContext, folderId: string, proof: ConsentProof): Promise<SignAcceptedDto> {
    personOf(ctx);
    const consent = await this.consents.grant(ctx, proof, [folderId]);
    const begun = await this.begin(ctx, folderId, consent.consentId);
    return { folderId, consentId: consent.consentId, tasks: begun.tasks.map(toRef) };
  }

  /** Creates the folder's tasks under the given consent and queues those not done yet. */
  async begin(ctx: AuthContext, folderId: string, consentId: string): Promise<BegunSignature> {
    await this.consents.assertCovers(ctx, consentId, folderId);
    const actingDesks = await this.workflow.actingDesksFor(ctx, folderId);
    const begun = await this.dataSource.transaction((manager) => this.workflow.beginSignature(manager, ctx, folderId, { consentId, actingDesks }));
    await this.enqueue(ctx.tenantId, begun.tasks.filter((task) => task.status === 'queued').map((task) => task.id));
    return begun;
  }

  /** A failed task back to the queue; a new job id, since the finished job may still be kept by the driver. */
  async retry(ctx: AuthContext, taskId: string): Promise<SignatureTaskRefDto> {
    const task = await this.dataSource.transaction((manager) => this.tasks.requeueFailed(manager, ctx.tenantId, taskId));
    await this.jobs.enqueue(JobName.SigningSignDocument, { tenantId: ctx.tenantId, taskId: task.id }, { jobId: `${task.id}-retry-${Date.now()}` });
    return { id: task.id, documentId: task.documentId, status: task.status };
  }

  /** The folder's signature tasks with their status and, for failures, the reason. */
  async listForFolder(ctx: AuthContext, folderId: string): Promise<SignatureTaskDto[]> {
    const manager = this.dataSource.manager;
    if (!(await this.tasks.folderExists(manager, ctx.tenantId, folderId))) {
      throw new SigningError(SigningErrorCode.FolderNotFound, `Aucun dossier avec l’identifiant ${folderId}.`);
    }
    return (await this.tasks.forFolder(manager, ctx.tenantId, folderId)).map((task) => ({
      id: task.id,
      folderStepId: task.folderStepId,
      documentId: task.documentId,
      baseVersion: task.baseVersion,
      status: task.status,
      error: task.error,
      attempts: task.attempts,
      seal: task.signerUserId === null,
      onBehalfOfDeskId: task.onBehalfOfDeskId,
    }));
  }

  private async enqueue(tenantId: string, taskIds: string[]): Promise<void> {
    for (const taskId of taskIds) {
      await this.jobs.enqueue(JobName.SigningSignDocument, { tenantId, taskId }, { jobId: taskId });
    }
  }
}

function toRef(task: BegunSignature['tasks'][number]): SignatureTaskRefDto {
  return { id: task.id, documentId: task.documentId, status: task.status };
}
