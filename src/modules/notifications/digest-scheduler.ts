import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RuntimeInfo } from '../../common/process-role';
import { AppConfig } from '../../config';
import { JobDriver } from '../jobs/job-driver';
import { JobName } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { nextParisHour, parisDay } from './paris-time';

/**
 * Enqueues the late-folders digest every day at DIGEST_HOUR (Europe/Paris), from each process that runs
 * job handlers. The job id names the day, so several workers enqueue it once (BullMQ keeps finished
 * jobs for a day and drops duplicates).
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly jobs: JobsService,
    private readonly driver: JobDriver,
    private readonly runtime: RuntimeInfo,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.driver.kind === 'inline' || this.runtime.runsJobHandlers) this.scheduleNext(new Date());
  }

  beforeApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Enqueues the digest of the day `at` falls on (Paris). */
  async enqueueFor(at: Date): Promise<void> {
    const date = parisDay(at);
    await this.jobs.enqueue(JobName.NotificationsLateDigest, { date }, { jobId: `late-digest-${date}` });
  }

  private scheduleNext(now: Date): void {
    const next = nextParisHour(now, this.config.mail.digestHour);
    this.timer = setTimeout(() => {
      this.enqueueFor(next)
        .catch((error: unknown) => this.logger.error({ err: error }, 'Could not enqueue the late folders digest'))
        .finally(() => { if (this.timer) this.scheduleNext(new Date(Math.max(Date.now(), next.getTime()))); });
    }, next.getTime() - now.getTime());
    this.timer.unref();
  }
}
