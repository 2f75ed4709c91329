import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName } from '../../jobs/job-names';
import { JobsService } from '../../jobs/jobs.service';
import { SignatureTasksRepository } from './signature-tasks.repository';

/**
 * Seal steps run by themselves: when a step completes and the folders workflow activates a seal step,
 * its tasks (no signer) are created in that transaction; once it has committed, this queues them.
 */
@Injectable()
export class SealDispatcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: SignatureTasksRepository,
    private readonly jobs: JobsService,
  ) {}

  async dispatch(tenantId: string, folderId: string): Promise<number> {
    const ids = await this.tasks.queuedSeals(this.dataSource.manager, tenantId, folderId);
    for (const taskId of ids) await this.jobs.enqueue(JobName.SigningSignDocument, { tenantId, taskId }, { jobId: taskId });
    return ids.length;
  }
}
