import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type EnqueueOptions, JobDriver } from './job-driver';
import { type JobName, JOBS, type JobPayloads } from './job-names';

/** What features use to enqueue jobs; applies each job's retry policy unless overridden. */
@Injectable()
export class JobsService {
  constructor(private readonly driver: JobDriver) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const { retry } = JOBS[name];
    const jobId = options.jobId ?? randomUUID();
    await this.driver.enqueue(name, payload, {
      jobId,
      attempts: options.attempts ?? retry.attempts,
      backoffMs: options.backoffMs ?? retry.backoffMs,
    });
    return jobId;
  }
}
