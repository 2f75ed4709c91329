import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRole } from '../../common/auth';
import type { SystemActor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { TenantDto } from '../tenants/dto/tenant.dto';
import { Tenant } from '../tenants/tenant.entity';
import { TenantsService } from '../tenants/tenants.service';
import { UserLinkPurpose } from '../users/user-link.entity';
import { UsersService } from '../users/users.service';
import { AccountLinksService } from './account-links.service';
import { AdminRepository } from './admin.repository';
import type { CreatedTenantDto, CreateTenantDto, TenantUsageDto } from './dto/tenants.dto';

/** Deployment super-admin: communes and their usage. Tenant admins never reach this service. */
@Injectable()
export class AdminTenantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantsService,
    private readonly users: UsersService,
    private readonly links: AccountLinksService,
    private readonly audit: AuditService,
    private readonly reads: AdminRepository,
  ) {}

  /** Creates the commune and its first administrator, who gets a one-time link to choose a password. */
  async create(input: CreateTenantDto): Promise<CreatedTenantDto> {
    await this.users.assertEmailAvailable(input.admin.email);
    const tenant = await this.tenants.create({ name: input.name, siren: input.siren });
    const actor: SystemActor = { tenantId: tenant.id, kind: 'system', id: 'superadmin', name: 'Super-administrateur du déploiement' };
    const { admin, expiresAt } = await this.dataSource.transaction(async (manager) => {
      const created = await this.users.createInTenant(tenant.id, { email: input.admin.email, displayName: input.admin.displayName, roles: [UserRole.Admin] }, manager);
      await this.audit.append(manager, actor, { action: 'tenant.created', payload: { tenantId: tenant.id, name: tenant.name, siren: tenant.siren } });
      await this.audit.append(manager, actor, { action: 'user.invited', payload: { userId: created.id, email: created.email, roles: created.roles } });
      return { admin: created, expiresAt: await this.links.send(manager, created, UserLinkPurpose.Invitation) };
    });
    return { tenant, adminUserId: admin.id, linkExpiresAt: expiresAt.toISOString() };
  }

  async usage(): Promise<TenantUsageDto[]> {
    const [rows, tenants] = await Promise.all([this.reads.tenantUsage(), this.dataSource.getRepository(Tenant).find()]);
    const byId = new Map(tenants.map((tenant) => [tenant.id, tenant]));
    return rows.flatMap((row) => {
      const tenant = byId.get(row.id);
      if (!tenant) return [];
      return [{
        tenant: TenantDto.from(tenant),
        foldersByStatus: row.folders_by_status ?? {},
        documents: row.documents,
        bytes: Number(row.bytes),
        users: row.users,
        activeUsers: row.active_users,
        lastActivityAt: row.last_activity_at?.toISOString() ?? null,
      }];
    });
  }
}
