import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { randomSiren } from '../support/factories';
import { NodeProcess } from '../support/node-process';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

/** Runs `npm run cli -- <args>` (from the sources) against the run's database; resolves with exit code and output. */
async function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  const child = NodeProcess.start('src/cli.ts', args, { ...process.env, LOG_LEVEL: 'warn' });
  const code = await new Promise<number | null>((resolve) => child.child.once('exit', (exitCode) => resolve(exitCode)));
  return { code, out: child.text };
}

describe('Admin CLI (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  beforeAll(async () => { app = await createTestApp(); });
  afterAll(() => app?.close());

  it('creates a tenant, issues a key by SIREN that works, then revokes it', async () => {
    const siren = randomSiren();
    const tenant = await cli('tenant:create', '--name', 'Commune de Ligne-de-Commande', '--siren', siren);
    expect(tenant).toMatchObject({ code: 0, out: expect.stringContaining(`SIREN ${siren}`) });

    const created = await cli('apikey:create', '--tenant', siren, '--scopes', 'folders:read,admin', '--name', 'ERP');
    expect(created.code).toBe(0);
    const key = /pk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}/.exec(created.out)?.[0] ?? '';
    const id = /id ([0-9a-f-]{36})/.exec(created.out)?.[1] ?? '';
    const response = await request(app.getHttpServer()).get('/api/v1/tenant').set('Authorization', `Bearer ${key}`).expect(200);
    expect(response.body).toMatchObject({ siren, name: 'Commune de Ligne-de-Commande' });

    expect((await cli('apikey:revoke', id)).code).toBe(0);
    expectProblem(await request(app.getHttpServer()).get('/api/v1/tenant').set('Authorization', `Bearer ${key}`), 401, 'api-key-revoked');
  });

  it('explains what is wrong in French for a domain error, and in the usage for a bad call', async () => {
    const invalid = await cli('tenant:create', '--name', 'Commune', '--siren', '123456789');
    expect(invalid).toMatchObject({ code: 1, out: expect.stringContaining('SIREN « 123456789 » invalide') });
    const badScope = await cli('apikey:create', '--tenant', '000000000', '--scopes', 'root');
    expect(badScope).toMatchObject({ code: 2, out: expect.stringContaining('unknown scope(s): root') });
  });
});
