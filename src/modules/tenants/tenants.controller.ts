import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { Auth, CurrentAuth } from '../auth/auth.decorators';
import { TenantDto } from './dto/tenant.dto';
import { TenantsService } from './tenants.service';

@ApiTags('Tenant')
@Auth()
@Controller(`${API_V1}/tenant`)
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  /** The caller's tenant. */
  @Get()
  @ApiOkResponse({ type: TenantDto, description: 'The tenant the API key belongs to' })
  @ApiProblems(404)
  getCurrentTenant(@CurrentAuth() auth: AuthContext): Promise<TenantDto> {
    return this.tenants.getCurrent(auth);
  }
}
