import { Logger } from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { describeUrl } from '../../database/describe-url';
import { type DriverHealth, JobDriver, type JobHandlerFn, type JobHandlers } from './job-driver';
import { isJobName, type JobName, JOBS, type JobPayloads, QueueName, type RetryPolicy } from './job-names';

const PING_TIMEOUT_MS = 2_000;
const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };

/** Jobs in Redis through BullMQ: one queue per QueueName; workers in whichever process calls `start`. */
export class BullMqJobDriver extends JobDriver {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger('Jobs');
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly ownedConnections: Redis[] = [];

  constructor(
    readonly redisUrl: string,
    private readonly prefix: string,
    private readonly tuning: { concurrency: number; lockDurationMs: number } = { concurrency: 5, lockDurationMs: 30_000 },
  ) {
    super();
    // The producer side fails fast when Redis is away (an API request must not hang on it);
    // workers get their own blocking connections, which BullMQ requires with maxRetriesPerRequest null.
    this.connection = new IORedis(redisUrl, { maxRetriesPerRequest: 2 });
    this.connection.on('error', (error) => this.logger.error({ err: error }, `Redis error (${describeUrl(redisUrl)})`));
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: { jobId: string } & RetryPolicy): Promise<void> {
    await this.queue(JOBS[name].queue).add(name, payload, {
      jobId: options.jobId,
      attempts: options.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
  }

  async start(handlers: JobHandlers): Promise<void> {
    for (const queueName of Object.values(QueueName)) {
      const connection = this.connection.duplicate({ maxRetriesPerRequest: null });
      connection.on('error', () => undefined); // already reported by the main connection's listener
      this.ownedConnections.push(connection);
      const worker = new Worker(queueName, (job: Job) => this.process(handlers, job), {
        connection,
        prefix: this.prefix,
        concurrency: this.tuning.concurrency,
        // A killed worker's jobs are noticed after lockDuration and picked up again (stalled jobs).
        lockDuration: this.tuning.lockDurationMs,
        stalledInterval: Math.max(1_000, Math.floor(this.tuning.lockDurationMs / 2)),
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({ err: error, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade }, 'Job failed'),
      );
      worker.on('error', (error) => this.logger.error({ err: error, queue: queueName }, 'Worker error'));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    for (const connection of [...this.ownedConnections, this.connection]) {
      if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
      else connection.disconnect();
    }
  }

  async checkHealth(): Promise<DriverHealth> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      const answer = await Promise.race([this.connection.ping(), timeout]);
      return { ok: answer === 'PONG', detail: `bullmq (${describeUrl(this.redisUrl)})` };
    } catch (error) {
      return { ok: false, detail: `Redis unreachable (${this.connection.status}): ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async process(handlers: JobHandlers, job: Job): Promise<void> {
    if (!isJobName(job.name)) throw new Error(`No handler for unknown job ${job.name}`);
    const handler = handlers[job.name] as JobHandlerFn;
    await handler(job.data as JobPayloads[JobName], { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
  }
}
