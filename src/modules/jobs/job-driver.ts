import type { JobName, JobPayloads, RetryPolicy } from './job-names';

export interface EnqueueOptions {
  /** Deduplication key: a job with the same id already queued is not added again. */
  jobId?: string;
  attempts?: number;
  backoffMs?: number;
}

export interface JobContext {
  jobId: string;
  /** 1 on the first run, then 2, 3… on retries. */
  attempt: number;
}

export type JobHandlerFn<N extends JobName = JobName> = (payload: JobPayloads[N], context: JobContext) => Promise<void>;

export type JobHandlers = { [N in JobName]: JobHandlerFn<N> };

export interface DriverHealth {
  ok: boolean;
  detail: string;
}

/** Where jobs go and how they run: BullMQ on Redis, or inline in this process. Also the injection token. */
export abstract class JobDriver {
  abstract readonly kind: 'bullmq' | 'inline';
  abstract enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: Required<Pick<EnqueueOptions, 'jobId'>> & RetryPolicy): Promise<void>;
  /** Starts consuming jobs with these handlers (one per job name). */
  abstract start(handlers: JobHandlers): Promise<void>;
  /** Stops taking jobs and waits for the running ones. */
  abstract stop(): Promise<void>;
  abstract checkHealth(): Promise<DriverHealth>;
}
