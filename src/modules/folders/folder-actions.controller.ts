import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems, ProblemDto } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { CreateCommentDto, RejectFolderDto, RemindResultDto, SendBackFolderDto } from './dto/folder-actions.dto';
import { CommentDto, FolderDto } from './dto/folder.dto';
import { FolderQueriesService } from './folder-queries.service';
import { ActOnStepService } from './use-cases/act-on-step.service';
import { ArchiveFolderService } from './use-cases/archive-folder.service';
import { CommentFolderService } from './use-cases/comment-folder.service';
import { StartFolderService } from './use-cases/start-folder.service';
import { RemindFolderService, RemindThrottledError } from './use-cases/remind-folder.service';
import { WithdrawFolderService } from './use-cases/withdraw-folder.service';

/** Lifecycle actions; each answers the folder as it is afterwards. */
@ApiTags('Folders')
@Auth()
@RequireScopes(ApiScope.FoldersWrite)
@Controller(`${API_V1}/folders/:id`)
export class FolderActionsController {
  constructor(
    private readonly starter: StartFolderService,
    private readonly steps: ActOnStepService,
    private readonly withdrawals: WithdrawFolderService,
    private readonly archives: ArchiveFolderService,
    private readonly comments: CommentFolderService,
    private readonly queries: FolderQueriesService,
    private readonly reminders: RemindFolderService,
  ) {}

  /** draft → in_progress: resolves the route from the typology's circuit now and activates the first step. */
  @Post('start')
  @HttpCode(200)
  @ApiOkResponse({ type: FolderDto, description: 'The started folder with its route' })
  @ApiProblems(400, 404, 409, 422)
  async startFolder(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<FolderDto> {
    await this.starter.start(auth, id);
    return this.queries.get(auth, id);
  }

  /** Visa of the current (visa) step, by a holder or delegate of one of its desks. People only. */
  @Post('actions/visa')
  @HttpCode(200)
  @ApiOkResponse({ type: FolderDto, description: 'The folder after the visa' })
  @ApiProblems(400, 403, 404, 409)
  async visaFolder(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<FolderDto> {
    await this.steps.visa(auth, id);
    return this.queries.get(auth, id);
  }

  /** Rejects the folder with a reason: the circuit stops and the creator is told. People only. */
  @Post('actions/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: FolderDto, description: 'The rejected folder' })
  @ApiProblems(400, 403, 404, 409, 422)
  async rejectFolder(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: RejectFolderDto): Promise<FolderDto> {
    await this.steps.reject(auth, id, body.reason);
    return this.queries.get(auth, id);
  }

  /** Sends the folder back to an earlier step that was done; that step runs again. People only. */
  @Post('actions/send-back')
  @HttpCode(200)
  @ApiOkResponse({ type: FolderDto, description: 'The folder back at the earlier step' })
  @ApiProblems(400, 403, 404, 409, 422)
  async sendBackFolder(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: SendBackFolderDto): Promise<FolderDto> {
    await this.steps.sendBack(auth, id, body.toStep, body.reason);
    return this.queries.get(auth, id);
  }

  /** Droit de remords: the creator (person or API key) withdraws a draft or in-progress folder. */
  @Post('actions/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: FolderDto, description: 'The withdrawn folder' })
  @ApiProblems(400, 403, 404, 409)
  async withdrawFolder(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<FolderDto> {
    await this.withdrawals.withdraw(auth, id);
    return this.queries.get(auth, id);
  }

  /** Archives a completed or rejected folder (read-only afterwards). */
  @Post('actions/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: FolderDto, description: 'The archived folder' })
  @ApiProblems(400, 404, 409)
  async archiveFolder(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<FolderDto> {
    await this.archives.archive(auth, id);
    return this.queries.get(auth, id);
  }

  /**
   * « Relance »: mails the holders and delegates of the current step's desks again (clerks and
   * administrators, or an API key), through the notification outbox; audited; once an hour per folder.
   */
  @Post('actions/remind')
  @HttpCode(200)
  @ApiOkResponse({ type: RemindResultDto, description: 'Reminder mails queued' })
  @ApiResponse({
    status: 429,
    description: 'folder-remind-throttled: already reminded less than an hour ago (or the API key is over its rate limit)',
    headers: { 'Retry-After': { description: 'Seconds before the folder can be reminded again', schema: { type: 'integer' } } },
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  })
  @ApiProblems(400, 403, 404, 409)
  async remindFolder(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<RemindResultDto> {
    try {
      const result = await this.reminders.remind(auth, id);
      return { recipients: result.recipients, remindedAt: result.remindedAt.toISOString() };
    } catch (error) {
      if (error instanceof RemindThrottledError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  /** Adds a public or private comment (people and API keys). */
  @Post('comments')
  @ApiCreatedResponse({ type: CommentDto, description: 'The comment' })
  @ApiProblems(400, 404, 409)
  commentFolder(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: CreateCommentDto): Promise<CommentDto> {
    return this.comments.comment(auth, id, body);
  }
}
