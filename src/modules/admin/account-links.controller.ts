import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { AccountLinksService } from './account-links.service';
import { AcceptedLinkDto, AcceptLinkDto } from './dto/admin-users.dto';

/** Public: the page opened from an invitation or reset e-mail sets the password here (no session needed). */
@ApiTags('People login')
@Controller(`${API_V1}/account`)
export class AccountLinksController {
  constructor(private readonly links: AccountLinksService) {}

  /** Spends a one-time link: sets the password, ends the person's other sessions. 20 attempts per IP and minute. */
  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedLinkDto, description: 'Password set: log in with this e-mail' })
  @ApiProblems(400, 410, 413, 415, 429)
  setPasswordWithLink(@Body() body: AcceptLinkDto, @Req() request: Request): Promise<AcceptedLinkDto> {
    return this.links.accept(body.token, body.password, request.ip ?? request.socket.remoteAddress ?? 'unknown');
  }
}
