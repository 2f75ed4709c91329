import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../app.module';
import { ProcessRole } from '../../common/process-role';
import type { AppConfig } from '../../config';
import { buildOpenApiDocument, serializeOpenApi } from './openapi-document';

/** Placeholder values: in preview mode no provider is built, so nothing connects anywhere. */
const PREVIEW_CONFIG: AppConfig = {
  port: 0,
  host: '127.0.0.1',
  publicUrl: 'http://localhost',
  dataDir: '/nonexistent',
  certsDir: '/nonexistent',
  logLevel: 'silent',
  bodyLimitJson: '1mb',
  bodyLimitUpload: '50mb',
  demoTenant: false,
  masterKey: Buffer.alloc(32),
  sessionCookieSecure: true,
  tsaUrls: [],
  trustAnchorsFile: null,
  database: { mode: 'postgres', url: 'postgres://preview.invalid/preview' },
  jobs: { mode: 'inline' },
  mail: { smtpUrl: null, from: 'Parapheur <preview@localhost>', digestHour: 8 },
  webhooks: { allowPrivateTargets: false, backoffBaseMs: 1_000 },
  rateLimitPerMinute: 600,
  superAdminTokenSha256: null,
  pkcs11: null,
  oidc: null,
};

/** Builds openapi.yaml from the controllers without a database: the Nest app is created in preview mode. */
export async function generateOpenApiYaml(): Promise<string> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config: PREVIEW_CONFIG, runtime: { role: ProcessRole.Cli, runsJobHandlers: false } }),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return serializeOpenApi(buildOpenApiDocument(app));
  } finally {
    await app.close();
  }
}
