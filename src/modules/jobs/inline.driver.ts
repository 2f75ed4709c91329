import { Logger } from '@nestjs/common';
import { type DriverHealth, JobDriver, type JobHandlers, type JobHandlerFn } from './job-driver';
import { backoffDelay, type JobName, type JobPayloads, type RetryPolicy } from './job-names';

interface InlineJob {
  id: string;
  name: JobName;
  payload: JobPayloads[JobName];
  retry: RetryPolicy;
  failures: number;
}

/**
 * Runs jobs in this process, for `npm start` without Redis. Same contract as BullMQ: deduplication by
 * job id while a job is pending, retries with exponential backoff, nothing lost before `start`.
 */
export class InlineJobDriver extends JobDriver {
  readonly kind = 'inline' as const;
  private readonly logger = new Logger('Jobs');
  private handlers: JobHandlers | undefined;
  private readonly pending = new Map<string, InlineJob>();
  private readonly waiting: InlineJob[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: { jobId: string } & RetryPolicy): Promise<void> {
    if (this.stopped) throw new Error(`Cannot enqueue ${name}: the inline job driver is stopped`);
    if (this.pending.has(options.jobId)) return;
    const job: InlineJob = { id: options.jobId, name, payload, retry: { attempts: options.attempts, backoffMs: options.backoffMs }, failures: 0 };
    this.pending.set(job.id, job);
    this.schedule(job, 0);
  }

  async start(handlers: JobHandlers): Promise<void> {
    this.handlers = handlers;
    for (const job of this.waiting.splice(0)) this.schedule(job, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  async checkHealth(): Promise<DriverHealth> {
    return { ok: !this.stopped, detail: `inline (${this.pending.size} pending)` };
  }

  private schedule(job: InlineJob, delayMs: number): void {
    if (!this.handlers) {
      this.waiting.push(job);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.run(job).finally(() => this.running.delete(run));
      this.running.add(run);
    }, delayMs);
    this.timers.add(timer);
  }

  private async run(job: InlineJob): Promise<void> {
    if (this.stopped || !this.handlers) return;
    const handler = this.handlers[job.name] as JobHandlerFn;
    try {
      await handler(job.payload, { jobId: job.id, attempt: job.failures + 1 });
      this.pending.delete(job.id);
    } catch (error) {
      job.failures += 1;
      if (job.failures >= job.retry.attempts) {
        this.pending.delete(job.id);
        this.logger.error({ err: error, job: job.name, jobId: job.id, attempts: job.failures }, 'Job failed for good');
        return;
      }
      const delay = backoffDelay(job.retry, job.failures);
      this.logger.warn({ err: error, job: job.name, jobId: job.id, attempt: job.failures, retryInMs: delay }, 'Job failed, will retry');
      this.schedule(job, delay);
    }
  }
}
