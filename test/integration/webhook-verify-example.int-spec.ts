import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { WebhookEventType } from '../../src/modules/webhooks/webhook-event-type';
import { WebhooksService } from '../../src/modules/webhooks/webhooks.service';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createTestApp } from '../support/test-app';

type Verify = (secret: string, headers: IncomingHttpHeaders, rawBody: string) => boolean;

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = 'docs/examples/verify-webhook.js';

/** The ```js block of the README's "4. Verify each delivery" step, as integrators read it. */
function readmeBlock(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const step = readme.indexOf('**4. Verify each delivery**');
  if (step < 0) throw new Error('README step "4. Verify each delivery" not found');
  const match = /```js\n([\s\S]*?)```/.exec(readme.slice(step));
  if (!match) throw new Error('no ```js block after the README step');
  return match[1];
}

/** Runs the README block as it stands, in a fresh context where only `require` is given. */
function verifyFromReadme(): Verify {
  const sandbox: Record<string, unknown> = { require, Buffer, Date };
  runInNewContext(`${readmeBlock()}\nthis.verifyWebhook = verifyWebhook;`, sandbox);
  return sandbox.verifyWebhook as Verify;
}

describe('The README webhook-verification snippet, run against real signed deliveries', () => {
  let app: NestExpressApplication;
  let receiver: WebhookReceiver;
  let tenant: TenantWithKey;

  beforeAll(async () => {
    app = await createTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_whx_${randomUUID().slice(0, 8)}` } });
    receiver = await startWebhookReceiver();
    tenant = await createTenantWithKey(app);
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it(`is the code of ${EXAMPLE}`, () => {
    const file = readFileSync(join(ROOT, EXAMPLE), 'utf8');
    expect(file).toContain(readmeBlock());
  });

  it('accepts the deliveries our server signs, and refuses a changed body, another secret, a stale timestamp or missing headers', async () => {
    const created = await request(app.getHttpServer()).post('/api/v1/webhooks').set(tenant.bearer)
      .send({ url: `${receiver.url}/readme`, events: ['folder.completed'] }).expect(201);
    const secret = created.body.secret as string;
    await app.get(DataSource).transaction((manager) => app.get(WebhooksService).publish(manager, tenant.tenant.id, {
      type: WebhookEventType.FolderCompleted, data: { folder: { id: randomUUID(), title: 'Bordereau de mandats n° 7' } },
    }));
    const [delivery] = await receiver.waitFor(1, 60_000);
    const { headers, body } = delivery!;

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fromFile = (require(join(ROOT, EXAMPLE)) as { verifyWebhook: Verify }).verifyWebhook;
    for (const verify of [verifyFromReadme(), fromFile]) {
      expect(verify(secret, headers, body)).toBe(true);
      expect(verify(secret, headers, body.replace('n° 7', 'n° 8'))).toBe(false);
      const otherSecret = (await request(app.getHttpServer()).post('/api/v1/webhooks').set(tenant.bearer)
        .send({ url: `${receiver.url}/other`, events: ['folder.rejected'] }).expect(201)).body.secret as string;
      expect(verify(otherSecret, headers, body)).toBe(false);
      const stale = String(Number(headers['webhook-timestamp']) - 600);
      expect(verify(secret, { ...headers, 'webhook-timestamp': stale }, body)).toBe(false);
      expect(verify(secret, { ...headers, 'webhook-timestamp': undefined }, body)).toBe(false);
      expect(verify(secret, { ...headers, 'webhook-signature': undefined }, body)).toBe(false);
    }
  });
});
