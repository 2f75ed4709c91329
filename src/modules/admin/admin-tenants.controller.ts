import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtension, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { AuditedInService } from './admin-audit';
import { AdminTenantsService } from './admin-tenants.service';
import { CreatedTenantDto, CreateTenantDto, TenantUsageDto } from './dto/tenants.dto';
import { SUPERADMIN_SCHEME, SuperAdminGuard } from './super-admin.guard';

/** Deployment super-admin (SUPERADMIN_TOKEN): communes and their usage. */
@ApiTags('Deployment administration')
@UseGuards(SuperAdminGuard)
@ApiBearerAuth(SUPERADMIN_SCHEME)
@ApiExtension('x-required-scopes', ['superadmin'])
@ApiProblems(401, 403)
@AuditedInService()
@Controller(`${API_V1}/admin/tenants`)
export class AdminTenantsController {
  constructor(private readonly tenants: AdminTenantsService) {}

  /** Creates a commune and its first administrator, invited by a one-time link. */
  @Post()
  @ApiCreatedResponse({ type: CreatedTenantDto })
  @ApiProblems(400, 409, 413, 415, 422)
  createTenant(@Body() body: CreateTenantDto): Promise<CreatedTenantDto> {
    return this.tenants.create(body);
  }

  /** Every tenant with its usage: folders by status, documents and bytes, users, last activity. */
  @Get()
  @ApiOkResponse({ type: [TenantUsageDto] })
  listTenants(): Promise<TenantUsageDto[]> {
    return this.tenants.usage();
  }
}
