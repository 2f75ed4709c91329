import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { ApiKeysService } from './api-keys.service';
import { Auth, CurrentAuth, RequireScopes } from './auth.decorators';
import { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('API keys')
@Auth()
@Controller(`${API_V1}/api-keys`)
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiOkResponse({ type: [ApiKeyDto], description: 'The tenant’s API keys, newest first (never the secret)' })
  listApiKeys(@CurrentAuth() auth: AuthContext): Promise<ApiKeyDto[]> {
    return this.apiKeys.list(auth);
  }

  @Get(':id')
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblems(400, 404)
  getApiKey(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<ApiKeyDto> {
    return this.apiKeys.get(auth, id);
  }

  @Post()
  @RequireScopes(ApiScope.Admin)
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The new key; `key` is shown this once only' })
  @ApiProblems(400, 413, 415)
  createApiKey(@CurrentAuth() auth: AuthContext, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(auth, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes(ApiScope.Admin)
  @ApiNoContentResponse({ description: 'Revoked (again: no change)' })
  @ApiProblems(400, 404)
  revokeApiKey(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<void> {
    return this.apiKeys.revoke(auth, id);
  }
}
