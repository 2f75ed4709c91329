import { Logger } from '@nestjs/common';
import type { JobHandlers } from './job-driver';
import { JobName, type JobPayloads } from './job-names';
import { InlineJobDriver } from './inline.driver';

type Payload = JobPayloads[JobName.SystemQueueCheck];
const payload: Payload = { tenantId: 't1', queueCheckId: 'q1' };

/** Only the job these tests enqueue has a handler. */
function handlersWith(fn: (payload: Payload, attempt: number) => Promise<void>): JobHandlers {
  const only: Pick<JobHandlers, JobName.SystemQueueCheck> = { [JobName.SystemQueueCheck]: (p, context) => fn(p, context.attempt) };
  return only as JobHandlers;
}

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('InlineJobDriver', () => {
  let driver: InlineJobDriver;
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => { driver = new InlineJobDriver(); });
  afterEach(() => driver.stop());

  it('keeps jobs enqueued before start and runs them once started', async () => {
    const seen: Payload[] = [];
    await driver.enqueue(JobName.SystemQueueCheck, payload, { jobId: 'a', attempts: 1, backoffMs: 1 });
    await driver.start(handlersWith(async (p) => { seen.push(p); }));
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([payload]);
  });

  it('retries with exponential backoff until the attempts run out', async () => {
    const attempts: { attempt: number; at: number }[] = [];
    await driver.start(handlersWith(async (_p, attempt) => {
      attempts.push({ attempt, at: Date.now() });
      throw new Error('boom');
    }));
    await driver.enqueue(JobName.SystemQueueCheck, payload, { jobId: 'b', attempts: 3, backoffMs: 20 });
    await waitFor(() => attempts.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(18);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(38);
  });

  it('succeeds on a retry', async () => {
    let calls = 0;
    await driver.start(handlersWith(async () => {
      calls += 1;
      if (calls === 1) throw new Error('transient');
    }));
    await driver.enqueue(JobName.SystemQueueCheck, payload, { jobId: 'c', attempts: 3, backoffMs: 1 });
    await waitFor(() => calls === 2);
    expect((await driver.checkHealth()).detail).toContain('0 pending');
  });

  it('ignores a job id already pending', async () => {
    let calls = 0;
    await driver.enqueue(JobName.SystemQueueCheck, payload, { jobId: 'd', attempts: 1, backoffMs: 1 });
    await driver.enqueue(JobName.SystemQueueCheck, payload, { jobId: 'd', attempts: 1, backoffMs: 1 });
    await driver.start(handlersWith(async () => { calls += 1; }));
    await waitFor(() => calls >= 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(1);
  });

  it('refuses jobs once stopped and reports itself down', async () => {
    await driver.stop();
    await expect(driver.enqueue(JobName.SystemQueueCheck, payload, { jobId: 'e', attempts: 1, backoffMs: 1 })).rejects.toThrow(/stopped/);
    expect((await driver.checkHealth()).ok).toBe(false);
  });
});
