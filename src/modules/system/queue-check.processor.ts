import { Injectable } from '@nestjs/common';
import { RuntimeInfo } from '../../common/process-role';
import { JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { QueueChecksRepository } from './queue-checks.repository';

@Injectable()
export class QueueCheckProcessor {
  constructor(
    private readonly checks: QueueChecksRepository,
    private readonly runtime: RuntimeInfo,
  ) {}

  @JobHandler(JobName.SystemQueueCheck)
  async handleQueueCheck(payload: JobPayloads[JobName.SystemQueueCheck]): Promise<void> {
    await this.checks.markDone(payload.tenantId, payload.queueCheckId, { role: this.runtime.role, pid: process.pid }, new Date());
  }
}
