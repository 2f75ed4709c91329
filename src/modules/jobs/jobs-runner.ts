import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RuntimeInfo } from '../../common/process-role';
import { JobDriver, type JobHandlers } from './job-driver';
import { JobRegistry } from './job-registry';

/**
 * Checks the handlers at boot in every process, and starts consuming jobs where this process runs them
 * (always with the inline driver, which has no other consumer). Stops before the database closes.
 */
@Injectable()
export class JobsRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly registry: JobRegistry,
    private readonly driver: JobDriver,
    private readonly runtime: RuntimeInfo,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers: JobHandlers = this.registry.collect();
    if (this.driver.kind === 'inline' || this.runtime.runsJobHandlers) {
      await this.driver.start(handlers);
      this.logger.log(`Job handlers running in this process (${Object.keys(handlers).length} job types)`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.driver.stop();
    this.logger.log('Job driver stopped');
  }
}
