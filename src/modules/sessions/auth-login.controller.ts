import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthContext } from '../../common/auth';
import { ApiProblems, ProblemDto } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { AppConfig } from '../../config';
import { Auth, CurrentAuth } from '../auth/auth.decorators';
import { LoginDto, LoginResultDto } from './dto/login.dto';
import { LoginService } from './login.service';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { LoginThrottledError } from './sessions.errors';

@ApiTags('People login')
@Controller(`${API_V1}/auth`)
export class AuthLoginController {
  constructor(
    private readonly login: LoginService,
    private readonly config: AppConfig,
  ) {}

  /** Opens a session: sets the HttpOnly session cookie and returns the CSRF token. */
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResultDto, description: 'Logged in; the `parapheur_session` cookie is set (HttpOnly, SameSite=Lax, Secure)' })
  @ApiResponse({
    status: 401,
    description: 'invalid-credentials (one message whatever was wrong), totp-required (ask for the code, then retry with `totp`), totp-invalid',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  })
  @ApiResponse({
    status: 429,
    description: 'login-throttled: 5 attempts per e-mail and IP in 15 minutes',
    headers: { 'Retry-After': { description: 'Seconds to wait before the next attempt', schema: { type: 'integer' } } },
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  })
  @ApiProblems(400, 413, 415)
  async logIn(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LoginResultDto> {
    try {
      const opened = await this.login.login(body, request.ip ?? request.socket.remoteAddress ?? 'unknown');
      setSessionCookie(response, opened.token, opened.expiresAt, this.config.sessionCookieSecure);
      return opened.result;
    } catch (error) {
      if (error instanceof LoginThrottledError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Post('logout')
  @Auth()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'This session is closed and its cookie cleared' })
  @ApiProblems(403)
  async logOut(@CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.login.logout(auth);
    clearSessionCookie(response, this.config.sessionCookieSecure);
  }

  @Post('logout-everywhere')
  @Auth()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Every session of the user is closed (other browsers and devices too)' })
  @ApiProblems(403)
  async logOutEverywhere(@CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.login.logoutEverywhere(auth);
    clearSessionCookie(response, this.config.sessionCookieSecure);
  }
}
