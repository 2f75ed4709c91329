import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ProblemDetailsFilter, createValidationPipe } from './common/errors';
import { HttpDrain } from './common/http/http-drain.service';
import { JsonBodyMiddleware } from './common/http/json-body.middleware';
import { buildLoggerParams } from './common/logging/logger-params';
import type { RuntimeInfo } from './common/process-role';
import { type AppConfig, ConfigModule } from './config';
import { DatabaseModule } from './database/database.module';
import { AdminModule } from './modules/admin/admin.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CircuitsModule } from './modules/circuits/circuits.module';
import { EvidenceModule } from './modules/evidence/evidence.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { FoldersModule } from './modules/folders/folders.module';
import { HealthModule } from './modules/health/health.module';
import { SOAP_PATHS } from './modules/iparapheur/soap-paths';
import { IparapheurModule } from './modules/iparapheur/iparapheur.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { SystemModule } from './modules/system/system.module';
import { TenantsModule } from './modules/tenants/tenants.module';
import { TypologiesModule } from './modules/typologies/typologies.module';
import { SessionsModule } from './modules/sessions/sessions.module';
import { OidcModule } from './modules/oidc/oidc.module';
import { SigningModule } from './modules/signing/signing.module';
import { UsersModule } from './modules/users/users.module';
import { ValidationModule } from './modules/validation/validation.module';
import { WebModule } from './modules/web/web.module';
import { RateLimitModule } from './modules/rate-limit/rate-limit.module';
import { IdempotencyModule } from './modules/idempotency/idempotency.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';

export interface AppModuleOptions {
  config: AppConfig;
  runtime: RuntimeInfo;
}

/** The whole application; entry points choose the role (HTTP, job handlers, or both). */
@Module({})
export class AppModule implements NestModule {
  static forRoot({ config, runtime }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, runtime),
        LoggerModule.forRoot(buildLoggerParams(config, runtime.role)),
        DatabaseModule.forRoot(),
        JobsModule.forRoot(),
        AuthModule,
        AuditModule,
        NotificationsModule,
        EvidenceModule,
        TenantsModule,
        UsersModule,
        CircuitsModule,
        TypologiesModule,
        AdminModule,
        DocumentsModule,
        FoldersModule,
        SessionsModule,
        OidcModule,
        SigningModule,
        SystemModule,
        WebhooksModule,
        IparapheurModule,
        ValidationModule,
        RateLimitModule,
        // After RateLimitModule: a request over the limit is refused before it reserves its key.
        IdempotencyModule,
        HealthModule,
        WebModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        HttpDrain,
      ],
    };
  }

  /** Runs after the logger's middleware (LoggerModule is deeper in the module graph, so first). */
  configure(consumer: MiddlewareConsumer): void {
    // The i-Parapheur SOAP endpoint reads its XML bodies itself (IparapheurModule); so does
    // POST /api/v1/validation (a raw application/pdf body or a multipart form).
    consumer
      .apply(JsonBodyMiddleware)
      .exclude(...SOAP_PATHS.map((path) => ({ path, method: RequestMethod.ALL })), { path: 'api/v1/validation', method: RequestMethod.POST })
      .forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
