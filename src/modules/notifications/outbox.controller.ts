import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { OutboxPageDto } from './dto/outbox-mail.dto';
import { OutboxQueryDto } from './dto/outbox-query.dto';
import { OutboxService } from './outbox.service';

@ApiTags('Notifications')
@Auth()
@RequireScopes(ApiScope.Admin)
@Controller(`${API_V1}/notifications/outbox`)
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  /** The tenant's mails, newest first: without SMTP they stay here; with SMTP, `sentAt` says when they left. */
  @Get()
  @ApiOkResponse({ type: OutboxPageDto, description: 'One page of the outbox' })
  @ApiProblems(400)
  listOutbox(@CurrentAuth() auth: AuthContext, @Query() query: OutboxQueryDto): Promise<OutboxPageDto> {
    return this.outbox.list(auth, query);
  }
}
