import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { AuditedInService } from '../admin/admin-audit';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { TypologyDto } from './dto/typology.dto';
import { WriteTypologyDto } from './dto/write-typology.dto';
import { TypologiesService } from './typologies.service';

@ApiTags('Typologies')
@Auth()
@Controller(`${API_V1}/typologies`)
export class TypologiesController {
  constructor(private readonly typologies: TypologiesService) {}

  @Post()
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiOperation({ summary: 'Create a typology (type / subtype)', description: 'The circuit must be the tenant’s and its conditions must only read fields of the metadata schema.' })
  @ApiCreatedResponse({ type: TypologyDto })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  createTypology(@CurrentAuth() auth: AuthContext, @Body() body: WriteTypologyDto): Promise<TypologyDto> {
    return this.typologies.create(auth, body);
  }

  @Get()
  @ApiOperation({ summary: 'List the tenant’s typologies, by type and subtype' })
  @ApiOkResponse({ type: [TypologyDto] })
  listTypologies(@CurrentAuth() auth: AuthContext): Promise<TypologyDto[]> {
    return this.typologies.list(auth);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One typology' })
  @ApiOkResponse({ type: TypologyDto })
  @ApiProblems(400, 404)
  getTypology(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<TypologyDto> {
    return this.typologies.get(auth, id);
  }

  @Put(':id')
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiOperation({ summary: 'Replace a typology’s settings', description: 'Omitted optional settings take their defaults. Folders already started keep their circuit version.' })
  @ApiOkResponse({ type: TypologyDto })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  updateTypology(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: WriteTypologyDto): Promise<TypologyDto> {
    return this.typologies.update(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiOperation({ summary: 'Delete a typology no folder uses', description: 'A typology folders use answers 409: deactivate it instead (PUT with active: false).' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404, 409)
  deleteTypology(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<void> {
    return this.typologies.remove(auth, id);
  }
}
