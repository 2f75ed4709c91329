import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

describe.each([
  ['in Redis (REDIS_URL set)', {}],
  ['in process (no REDIS_URL)', { REDIS_URL: '' }],
])('Rate limits per API key, %s', (_label, env: Record<string, string>) => {
  let app: NestExpressApplication;
  let tenant: TenantWithKey;
  let other: TenantWithKey;

  beforeAll(async () => {
    app = await createTestApp({ env: { ...env, RATE_LIMIT_PER_MINUTE: '5' } });
    tenant = await createTenantWithKey(app);
    other = await createTenantWithKey(app);
  });
  afterAll(() => app?.close());

  it('counts down in RateLimit-* headers, then answers 429 with Retry-After; other keys and health are not affected', async () => {
    const server = app.getHttpServer();
    const remaining: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      const response = await request(server).get('/api/v1/webhooks').set(tenant.bearer).expect(200);
      expect(response.headers['ratelimit-limit']).toBe('5');
      expect(Number(response.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
      expect(Number(response.headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
      remaining.push(response.headers['ratelimit-remaining'] as string);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);

    const refused = await request(server).get('/api/v1/webhooks').set(tenant.bearer);
    const body = expectProblem(refused, 429, 'too-many-requests');
    expect(body.detail).toMatch(/Trop de requêtes/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-remaining']).toBe('0');

    const otherKey = await request(server).get('/api/v1/webhooks').set(other.bearer).expect(200);
    expect(otherKey.headers['ratelimit-remaining']).toBe('4');
    const health = await request(server).get('/health/live');
    expect(health.status).toBeLessThan(500);
    expect(health.headers['ratelimit-limit']).toBeUndefined();
  });
});
