import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { AuditedInService } from '../admin/admin-audit';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { DesksService } from './desks.service';
import { CreateDeskDto, SetDeskHoldersDto } from './dto/create-desk.dto';
import { DeskDto } from './dto/desk.dto';

@ApiTags('Desks')
@Auth()
@Controller(`${API_V1}/desks`)
export class DesksController {
  constructor(private readonly desks: DesksService) {}

  @Get()
  @ApiOkResponse({ type: [DeskDto], description: 'The tenant’s desks with their holders, by name' })
  listDesks(@CurrentAuth() auth: AuthContext): Promise<DeskDto[]> {
    return this.desks.list(auth);
  }

  @Get(':id')
  @ApiOkResponse({ type: DeskDto })
  @ApiProblems(400, 404)
  getDesk(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<DeskDto> {
    return this.desks.get(auth, id);
  }

  @Post()
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiCreatedResponse({ type: DeskDto, description: 'The new desk, without holders' })
  @ApiProblems(400, 404, 409, 413, 415)
  createDesk(@CurrentAuth() auth: AuthContext, @Body() body: CreateDeskDto): Promise<DeskDto> {
    return this.desks.create(auth, body);
  }

  @Put(':id/holders')
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiOkResponse({ type: DeskDto, description: 'The desk with its new holders' })
  @ApiProblems(400, 404, 413, 415)
  setDeskHolders(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: SetDeskHoldersDto): Promise<DeskDto> {
    return this.desks.setHolders(auth, id, body.userIds);
  }
}
