import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { Auth, CurrentAuth } from '../auth/auth.decorators';
import { TotpCodeDto, TotpEnrolmentDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { MeService } from './me.service';
import { SessionAuthenticator } from './session-authenticator.service';
import { CsrfTokens } from './session-tokens';

@ApiTags('People login')
@Auth()
@Controller(`${API_V1}/me`)
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly csrf: CsrfTokens,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeDto, description: 'The logged-in person, desks held and desks delegated now' })
  @ApiProblems(403)
  getMe(@CurrentAuth() auth: AuthContext, @Req() request: Request): Promise<MeDto> {
    const token = SessionAuthenticator.tokenOf(request);
    return this.me.me(auth, auth.sessionId && token ? this.csrf.tokenFor(token) : undefined);
  }

  @Post('totp')
  @ApiCreatedResponse({ type: TotpEnrolmentDto, description: 'A new TOTP secret, shown once; confirm it with a code to turn TOTP on' })
  @ApiProblems(403, 409)
  startTotpEnrolment(@CurrentAuth() auth: AuthContext): Promise<TotpEnrolmentDto> {
    return this.me.startTotp(auth);
  }

  @Post('totp/confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'TOTP is on: login now asks for a code' })
  @ApiProblems(400, 403, 409, 422)
  confirmTotpEnrolment(@CurrentAuth() auth: AuthContext, @Body() body: TotpCodeDto): Promise<void> {
    return this.me.confirmTotp(auth, body.code);
  }
}
