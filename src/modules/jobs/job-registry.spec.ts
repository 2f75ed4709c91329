import { Injectable, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { JobHandler } from './job-handler.decorator';
import { JOB_NAMES, JobName } from './job-names';
import { JobRegistry } from './job-registry';

@Injectable()
class FirstProcessor {
  @JobHandler(JobName.SystemQueueCheck)
  async handle(): Promise<void> {}
}

@Injectable()
class SecondProcessor {
  @JobHandler(JobName.SystemQueueCheck)
  async handleAgain(): Promise<void> {}
}

/** Handles every other job, so the tests below only reason about system.queue-check. */
@Injectable()
class OtherJobsProcessor {}
for (const name of JOB_NAMES.filter((n) => n !== JobName.SystemQueueCheck)) {
  const method = `handle ${name}`;
  Object.defineProperty(OtherJobsProcessor.prototype, method, { value: async () => undefined, writable: true, configurable: true });
  const descriptor = Object.getOwnPropertyDescriptor(OtherJobsProcessor.prototype, method) as PropertyDescriptor;
  JobHandler(name)(OtherJobsProcessor.prototype, method, descriptor);
}

async function registryWith(...providers: Type<unknown>[]): Promise<JobRegistry> {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [JobRegistry, ...providers] }).compile();
  return moduleRef.get(JobRegistry);
}

describe('JobRegistry', () => {
  it('collects one handler per job name', async () => {
    const handlers = (await registryWith(FirstProcessor, OtherJobsProcessor)).collect();
    expect(typeof handlers[JobName.SystemQueueCheck]).toBe('function');
  });

  it('fails when a job has no handler', async () => {
    await expect(registryWith().then((r) => r.collect())).rejects.toThrow(/system.queue-check" has no @JobHandler/);
  });

  it('fails when a job has two handlers', async () => {
    await expect(registryWith(FirstProcessor, SecondProcessor).then((r) => r.collect())).rejects.toThrow(
      /has 2 handlers: FirstProcessor.handle, SecondProcessor.handleAgain/,
    );
  });
});
