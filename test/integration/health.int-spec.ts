import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../support/test-app';

describe('Health', () => {
  let app: NestExpressApplication;
  beforeAll(async () => { app = await createTestApp(); });
  afterAll(() => app?.close());

  it('is live', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });

  it('is ready when PostgreSQL and Redis answer', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, queue: { status: 'up' } } });
    expect(response.body.info.queue.driver).toContain('bullmq');
  });
});

describe('Health with Redis down', () => {
  let app: NestExpressApplication;
  beforeAll(async () => { app = await createTestApp({ runsJobHandlers: false, env: { REDIS_URL: 'redis://127.0.0.1:1' } }); });
  afterAll(() => app?.close());

  it('is not ready: 503 problem naming the queue', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(response.text)).toMatchObject({ type: 'https://parapheur.fr/problems/service-unavailable', status: 503 });
    expect(JSON.parse(response.text).detail).toContain('queue');
  });
});
