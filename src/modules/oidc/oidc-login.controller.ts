import { Controller, Get, Logger, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { AppConfig } from '../../config';
import { readCookie } from '../sessions/session-tokens';
import { setSessionCookie } from '../sessions/session-cookie';
import { AuthProvidersDto } from './dto/auth-providers.dto';
import { OidcRefusal, OidcRefusedError } from './oidc.errors';
import { OIDC_ATTEMPT_TTL_MS, OidcSignInService } from './oidc-sign-in.service';

const OIDC_BASE = `/${API_V1}/auth/oidc`;
/** Holds the sealed state, nonce and PKCE verifier of one sign-in attempt; only sent to the callback. */
const ATTEMPT_COOKIE = 'parapheur_oidc';

@ApiTags('People login')
@Controller(`${API_V1}/auth`)
export class OidcLoginController {
  private readonly logger = new Logger('OidcSignIn');

  constructor(
    private readonly signIn: OidcSignInService,
    private readonly config: AppConfig,
  ) {}

  /** Public: which login methods the login page should offer. */
  @Get('providers')
  @ApiOkResponse({ type: AuthProvidersDto, description: 'Password login, and the OpenID Connect provider when configured' })
  providers(): AuthProvidersDto {
    const settings = this.signIn.settings;
    return { password: true, oidc: settings ? { label: settings.label, loginUrl: `${OIDC_BASE}/login` } : null };
  }

  /** Starts an OpenID Connect sign-in: a browser navigation, answered by a redirect to the provider. */
  @Get('oidc/login')
  @ApiFoundResponse({ description: 'Redirect to the provider’s authorization endpoint (code flow with PKCE, state and nonce); sets the short-lived `parapheur_oidc` cookie' })
  @ApiProblems(404, 502)
  async start(@Res() response: Response): Promise<void> {
    const { authorizationUrl, sealedAttempt } = await this.signIn.start();
    response.cookie(ATTEMPT_COOKIE, sealedAttempt, {
      httpOnly: true,
      secure: this.config.sessionCookieSecure,
      sameSite: 'lax',
      path: OIDC_BASE,
      maxAge: OIDC_ATTEMPT_TTL_MS,
    });
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, authorizationUrl);
  }

  /**
   * The provider sends the browser back here. On success the session cookie is set and the browser
   * goes to `/`; otherwise to `/?oidc_error=unknown-user|email-unverified|refused|unavailable`.
   */
  @Get('oidc/callback')
  @ApiFoundResponse({ description: 'Redirect to `/` with the `parapheur_session` cookie set, or to `/?oidc_error=<reason>` (unknown-user, email-unverified, refused, unavailable)' })
  @ApiProblems(404)
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
    response.clearCookie(ATTEMPT_COOKIE, { httpOnly: true, secure: this.config.sessionCookieSecure, sameSite: 'lax', path: OIDC_BASE });
    response.setHeader('Cache-Control', 'no-store');
    try {
      const opened = await this.signIn.finish(query, readCookie(request.headers.cookie, ATTEMPT_COOKIE));
      setSessionCookie(response, opened.token, opened.expiresAt, this.config.sessionCookieSecure);
      response.redirect(302, '/');
    } catch (error) {
      if (!(error instanceof OidcRefusedError)) throw error;
      this.logger.warn(`OpenID Connect sign-in refused (${error.reason}): ${error.message}`);
      response.redirect(302, `/?oidc_error=${error.reason satisfies OidcRefusal}`);
    }
  }
}
