import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { assignRequestId } from '../common/http/request-id';
import type { RuntimeInfo } from '../common/process-role';
import type { AppConfig } from '../config';
import { buildOpenApiDocument, setupOpenApi } from '../modules/openapi/openapi-document';

/** The HTTP API, fully configured (request ids, docs; JSON bodies are parsed by JsonBodyMiddleware), not yet listening. */
export async function createHttpApp(config: AppConfig, runtime: RuntimeInfo): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, runtime }), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.enableShutdownHooks();
  setupOpenApi(app, buildOpenApiDocument(app));
  return app;
}

/** A process without HTTP: the worker and the CLI. */
export async function createAppContext(config: AppConfig, runtime: RuntimeInfo): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, runtime }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
