import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig } from '../../config';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { MemoryRateLimitStore, RedisRateLimitStore } from '../rate-limit/rate-limit.store';
import { TenantsModule } from '../tenants/tenants.module';
import { UsersModule } from '../users/users.module';
import { AccountLinksController } from './account-links.controller';
import { ACCOUNT_LINK_THROTTLE, AccountLinksService } from './account-links.service';
import { AdminAuditInterceptor } from './admin-audit.interceptor';
import { AdminCertificatesController } from './admin-certificates.controller';
import { AdminCertificatesService } from './admin-certificates.service';
import { AdminTenantsController } from './admin-tenants.controller';
import { AdminTenantsService } from './admin-tenants.service';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { AdminRepository } from './admin.repository';
import { SuperAdminGuard } from './super-admin.guard';

/** Administration API (/api/v1/admin/…), one-time password links, and the audit of every admin change. */
@Module({
  imports: [AuthModule, AuditModule, NotificationsModule, TenantsModule, UsersModule],
  controllers: [AdminUsersController, AdminCertificatesController, AdminTenantsController, AccountLinksController],
  providers: [
    AdminRepository, AdminUsersService, AdminCertificatesService, AdminTenantsService, AccountLinksService, SuperAdminGuard,
    {
      provide: ACCOUNT_LINK_THROTTLE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => (config.jobs.mode === 'bullmq' ? new RedisRateLimitStore(config.jobs.redisUrl, config.jobs.prefix) : new MemoryRateLimitStore()),
    },
    { provide: APP_INTERCEPTOR, useClass: AdminAuditInterceptor },
  ],
})
export class AdminModule {}
