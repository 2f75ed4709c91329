import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ApiScope } from '../../src/common/auth';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { NodeProcess, pollUntil } from '../support/node-process';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

interface QueueCheckBody {
  id: string;
  status: string;
  processedByRole: string | null;
  processedByPid: number | null;
}

describe('API and worker as two processes (real PostgreSQL and Redis)', () => {
  let app: NestExpressApplication;
  let worker: NodeProcess;
  let admin: TenantWithKey;

  beforeAll(async () => {
    worker = NodeProcess.start('src/worker.ts', [], { ...process.env, LOG_LEVEL: 'info' });
    app = await createTestApp({ runsJobHandlers: false });
    admin = await createTenantWithKey(app, [ApiScope.Admin]);
    await worker.waitFor(/running job handlers/, 30_000);
  });

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  it('runs a job enqueued by the API in the worker process', async () => {
    const http = request(app.getHttpServer());
    const created = await http.post('/api/v1/system/queue-check').set(admin.bearer).expect(202);
    expect(created.body).toMatchObject({ status: 'pending', requestedByPid: process.pid });
    const done = await pollUntil(
      async () => (await request(app.getHttpServer()).get(`/api/v1/system/queue-check/${created.body.id}`).set(admin.bearer).expect(200)).body as QueueCheckBody,
      (check) => check.status === 'done',
      20_000,
    );
    expect(done.processedByRole).toBe('worker');
    expect(done.processedByPid).toBe(worker.pid);
    expect(done.processedByPid).not.toBe(process.pid);
  });

  it('keeps queue checks per tenant', async () => {
    const other = await createTenantWithKey(app, [ApiScope.Admin]);
    const created = await request(app.getHttpServer()).post('/api/v1/system/queue-check').set(admin.bearer).expect(202);
    expectProblem(await request(app.getHttpServer()).get(`/api/v1/system/queue-check/${created.body.id}`).set(other.bearer), 404, 'queue-check-not-found');
  });

  it('stops gracefully on SIGTERM: jobs drained, then the database closed', async () => {
    // Nest re-raises the signal once the shutdown hooks have run.
    expect([0, 'SIGTERM']).toContain(await worker.stop());
    expect(worker.text).toMatch(/Job driver stopped[\s\S]*Database connection closed/);
  });
});
