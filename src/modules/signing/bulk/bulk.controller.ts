import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiScope, type AuthContext } from '../../../common/auth';
import { ApiProblems } from '../../../common/errors';
import { API_V1 } from '../../../common/http/api-paths';
import { UuidParam } from '../../../common/http/uuid-param';
import { Auth, CurrentAuth, RequireScopes } from '../../auth/auth.decorators';
import { BulkActionCreatedDto, BulkBatchDto, CreateBulkActionDto } from '../dto/bulk.dto';
import { BulkService } from './bulk.service';
import { streamServerSentEvents } from './server-sent-events';

@ApiTags('Bulk actions')
@Auth()
@RequireScopes(ApiScope.FoldersWrite)
@Controller(`${API_V1}/bulk-actions`)
export class BulkController {
  constructor(private readonly bulk: BulkService) {}

  /** Signs (one PIN, one consent for exactly these folders) or approves many folders; each is processed on its own. */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: BulkActionCreatedDto, description: 'Batch accepted; follow its progress' })
  @ApiProblems(400, 403, 422)
  createBulkAction(@CurrentAuth() auth: AuthContext, @Body() body: CreateBulkActionDto): Promise<BulkActionCreatedDto> {
    return this.bulk.create(auth, body);
  }

  /** Per-folder progress of one of your batches. */
  @Get(':id')
  @ApiOkResponse({ type: BulkBatchDto })
  @ApiProblems(400, 404)
  getBulkAction(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<BulkBatchDto> {
    return this.bulk.get(auth, id);
  }

  /**
   * Server-sent events: `progress` (the batch, as GET returns it) each time it changes, then `done`
   * when every folder is done or failed; the stream then ends.
   */
  @Get(':id/events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of `progress` and `done` events whose data is a BulkBatch', content: { 'text/event-stream': { schema: { type: 'string', example: 'event: progress\ndata: {"id":"…","total":50,"done":12,"failed":0,…}\n\n' } } } })
  @ApiProblems(400, 404)
  async streamBulkAction(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Res() response: Response): Promise<void> {
    await this.bulk.get(auth, id);
    streamServerSentEvents(response, this.bulk.watch(auth, id), (event) => ({ event: event.type, data: event.batch }));
  }
}
