import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth';
import { JobName } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { QueueCheckDto } from './dto/queue-check.dto';
import { QueueChecksRepository } from './queue-checks.repository';
import { SystemError, SystemErrorCode } from './system.errors';

/** Proves the job path end to end: a row, a job, a handler that marks the row done. */
@Injectable()
export class QueueCheckService {
  constructor(
    private readonly checks: QueueChecksRepository,
    private readonly jobs: JobsService,
  ) {}

  async request(auth: AuthContext): Promise<QueueCheckDto> {
    const check = await this.checks.insert(auth.tenantId, process.pid);
    await this.jobs.enqueue(JobName.SystemQueueCheck, { tenantId: auth.tenantId, queueCheckId: check.id }, { jobId: check.id });
    return QueueCheckDto.from(check);
  }

  async get(auth: AuthContext, id: string): Promise<QueueCheckDto> {
    const check = await this.checks.findForTenant(auth.tenantId, id);
    if (!check) throw new SystemError(SystemErrorCode.QueueCheckNotFound, `Aucune vérification de file avec l’identifiant ${id}.`);
    return QueueCheckDto.from(check);
  }
}
