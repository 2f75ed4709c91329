import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RuntimeInfo } from '../../common/process-role';
import { AppConfig } from '../../config';
import { describeUrl } from '../../database/describe-url';
import { BullMqJobDriver } from './bullmq.driver';
import { InlineJobDriver } from './inline.driver';
import { JobDriver } from './job-driver';
import { JobRegistry } from './job-registry';
import { JobsRunner } from './jobs-runner';
import { JobsService } from './jobs.service';

function createDriver(config: AppConfig, runtime: RuntimeInfo): JobDriver {
  const logger = new Logger('Jobs');
  if (config.jobs.mode === 'bullmq') {
    const where = runtime.runsJobHandlers ? 'handlers in this process' : 'handlers in worker processes';
    logger.log(`Jobs: BullMQ at ${describeUrl(config.jobs.redisUrl)} (prefix "${config.jobs.prefix}", ${where})`);
    return new BullMqJobDriver(config.jobs.redisUrl, config.jobs.prefix, { concurrency: config.jobs.concurrency, lockDurationMs: config.jobs.lockDurationMs });
  }
  logger.log('Jobs: inline, run in this process (set REDIS_URL to use BullMQ and separate workers)');
  return new InlineJobDriver();
}

/** The job interface for every feature; the driver is chosen by REDIS_URL. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: JobDriver, inject: [AppConfig, RuntimeInfo], useFactory: createDriver },
        JobRegistry,
        JobsRunner,
        JobsService,
      ],
      exports: [JobsService, JobDriver],
    };
  }
}
