import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { QueueCheckDto } from './dto/queue-check.dto';
import { QueueCheckService } from './queue-check.service';

@ApiTags('System')
@Auth()
@RequireScopes(ApiScope.Admin)
@Controller(`${API_V1}/system/queue-check`)
export class QueueCheckController {
  constructor(private readonly queueChecks: QueueCheckService) {}

  /** Enqueues a `system.queue-check` job; poll the returned check until it is done. */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: QueueCheckDto, description: 'Check recorded and job enqueued' })
  requestQueueCheck(@CurrentAuth() auth: AuthContext): Promise<QueueCheckDto> {
    return this.queueChecks.request(auth);
  }

  @Get(':id')
  @ApiOkResponse({ type: QueueCheckDto })
  @ApiProblems(400, 404)
  getQueueCheck(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<QueueCheckDto> {
    return this.queueChecks.get(auth, id);
  }
}
