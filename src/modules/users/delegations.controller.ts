import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { AuditedInService } from '../admin/admin-audit';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { DelegationsService } from './delegations.service';
import { CreateDelegationDto, DelegationDto, ListDelegationsQueryDto } from './dto/delegation.dto';

@ApiTags('Delegations')
@Auth()
@Controller(`${API_V1}/delegations`)
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Get()
  @ApiOkResponse({ type: [DelegationDto], description: 'The tenant’s delegations (cancelled ones included), latest start first' })
  @ApiProblems(400, 404)
  listDelegations(@CurrentAuth() auth: AuthContext, @Query() query: ListDelegationsQueryDto): Promise<DelegationDto[]> {
    return this.delegations.list(auth, { deskId: query.deskId });
  }

  @Get(':id')
  @ApiOkResponse({ type: DelegationDto })
  @ApiProblems(400, 404)
  getDelegation(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<DelegationDto> {
    return this.delegations.get(auth, id);
  }

  @Post()
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiCreatedResponse({ type: DelegationDto, description: 'The new delegation' })
  @ApiProblems(400, 404, 413, 415, 422)
  createDelegation(@CurrentAuth() auth: AuthContext, @Body() body: CreateDelegationDto): Promise<DelegationDto> {
    return this.delegations.create(auth, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiNoContentResponse({ description: 'Cancelled (kept for the record; again: no change)' })
  @ApiProblems(400, 404)
  revokeDelegation(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<void> {
    return this.delegations.revoke(auth, id);
  }
}
