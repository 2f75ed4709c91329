import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { AuditedInService } from '../admin/admin-audit';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('Users')
@Auth()
@Controller(`${API_V1}/users`)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserDto], description: 'The tenant’s users, by name' })
  listUsers(@CurrentAuth() auth: AuthContext): Promise<UserDto[]> {
    return this.users.list(auth);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  getUser(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<UserDto> {
    return this.users.get(auth, id);
  }

  @Post()
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiCreatedResponse({ type: UserDto, description: 'The new user' })
  @ApiProblems(400, 409, 413, 415)
  createUser(@CurrentAuth() auth: AuthContext, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(auth, body);
  }

  @Patch(':id')
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiOkResponse({ type: UserDto, description: 'The user after the change' })
  @ApiProblems(400, 404, 409, 413, 415)
  updateUser(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(auth, id, body);
  }
}
