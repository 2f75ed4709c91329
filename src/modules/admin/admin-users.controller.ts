import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { UserDto } from '../users/dto/user.dto';
import { AuditedInService } from './admin-audit';
import { AdminUsersService } from './admin-users.service';
import { InvitationDto, InviteUserDto, LinkSentDto, SetDeskParentDto, SetRolesDto } from './dto/admin-users.dto';
import { DeskOverviewDto, DeskOverviewListDto } from './dto/desk-overview.dto';

/** People and desks administration of the caller's tenant (role admin). */
@ApiTags('Administration')
@Auth()
@RequireScopes(ApiScope.Admin)
@AuditedInService()
@Controller(`${API_V1}/admin`)
export class AdminUsersController {
  constructor(private readonly admin: AdminUsersService) {}

  /** Creates the user without a password and e-mails them a one-time link (72 h) to choose one. */
  @Post('users/invitations')
  @ApiCreatedResponse({ type: InvitationDto, description: 'User created, invitation queued in the mail outbox' })
  @ApiProblems(400, 409, 413, 415)
  inviteUser(@CurrentAuth() auth: AuthContext, @Body() body: InviteUserDto): Promise<InvitationDto> {
    return this.admin.invite(auth, body);
  }

  /** The user can no longer log in; their sessions end at once. */
  @Post('users/:id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409)
  deactivateUser(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<UserDto> {
    return this.admin.deactivate(auth, id);
  }

  @Post('users/:id/reactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  reactivateUser(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<UserDto> {
    return this.admin.reactivate(auth, id);
  }

  /** The current password stops working and the sessions end; a new one-time link is e-mailed. */
  @Post('users/:id/password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: LinkSentDto, description: 'Password cleared, link queued in the mail outbox' })
  @ApiProblems(400, 404, 409)
  resetUserPassword(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<LinkSentDto> {
    return this.admin.resetPassword(auth, id);
  }

  /** Turns two-factor authentication off; the person enrols again from their account page. */
  @Post('users/:id/totp-reset')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  resetUserTotp(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<UserDto> {
    return this.admin.resetTotp(auth, id);
  }

  @Put('users/:id/roles')
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409, 413, 415)
  setUserRoles(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: SetRolesDto): Promise<UserDto> {
    return this.admin.setRoles(auth, id, body.roles);
  }

  /** Who holds what now: each desk with its holders, the delegations in force and who may act for it. */
  @Get('desk-overview')
  @ApiOkResponse({ type: DeskOverviewListDto })
  deskOverview(@CurrentAuth() auth: AuthContext): Promise<DeskOverviewListDto> {
    return this.admin.deskOverview(auth);
  }

  /** Places a desk in the hierarchy (parentId null: top level); cycles are refused. */
  @Put('desks/:id/parent')
  @ApiOkResponse({ type: DeskOverviewDto })
  @ApiProblems(400, 404, 413, 415, 422)
  setDeskParent(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: SetDeskParentDto): Promise<DeskOverviewDto> {
    return this.admin.setDeskParent(auth, id, body.parentId ?? null);
  }
}
