import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { SecretBox } from '../../common/crypto/secret-box';
import { AppConfig } from '../../config';
import type { OidcSettings } from '../../config/app-config';
import { UsersRepository } from '../users/users.repository';
import { LoginService, type OpenedSession } from '../sessions/login.service';
import { OidcError, OidcErrorCode, OidcRefusal, OidcRefusedError } from './oidc.errors';

/** A sign-in attempt must come back from the provider within 10 minutes. */
export const OIDC_ATTEMPT_TTL_MS = 10 * 60_000;
const SEAL_CONTEXT = 'oidc-login-attempt v1';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** What the browser keeps (sealed, in an HttpOnly cookie) between the redirect to the provider and its answer. */
interface LoginAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  startedAt: number;
}

/**
 * OpenID Connect sign-in (authorization code + PKCE, state and nonce) against the provider found by
 * discovery from OIDC_ISSUER_URL. The verified `email` claim must match an existing active user:
 * nobody is created here. Success opens the same session as a password login.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger('OidcSignIn');
  private discovered?: Promise<oidc.Configuration>;

  constructor(
    private readonly config: AppConfig,
    private readonly box: SecretBox,
    private readonly users: UsersRepository,
    private readonly login: LoginService,
  ) {}

  get settings(): OidcSettings | null {
    return this.config.oidc;
  }

  /** The provider's authorization URL and the sealed attempt to keep in the browser. */
  async start(): Promise<{ authorizationUrl: string; sealedAttempt: string }> {
    const settings = this.required();
    const configuration = await this.configuration(settings).catch((error: unknown) => {
      this.logger.warn(`OpenID Connect discovery failed for ${settings.issuerUrl}: ${String(error)}`);
      throw new OidcError(OidcErrorCode.OidcProviderUnavailable, 'Le fournisseur d’identité ne répond pas : réessayez plus tard ou connectez-vous avec votre mot de passe.');
    });
    const attempt: LoginAttempt = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), startedAt: Date.now() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUrl,
      scope: settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      nonce: attempt.nonce,
    });
    return { authorizationUrl: url.href, sealedAttempt: this.box.seal(Buffer.from(JSON.stringify(attempt), 'utf8'), SEAL_CONTEXT) };
  }

  /**
   * Checks the provider's answer (`query`: the callback's query string) against the attempt the
   * browser brought back, then opens a session for the matching user. Throws OidcRefusedError.
   */
  async finish(query: string, sealedAttempt: string | undefined): Promise<OpenedSession> {
    const settings = this.required();
    const attempt = this.openAttempt(sealedAttempt);
    const configuration = await this.configuration(settings).catch(() => {
      throw new OidcRefusedError(OidcRefusal.Unavailable, `discovery failed for ${settings.issuerUrl}`);
    });
    const currentUrl = new URL(settings.redirectUrl);
    currentUrl.search = query;
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
      if (typeof claims.email !== 'string' && typeof claims.sub === 'string') {
        // Some providers (ProConnect) put the e-mail in UserInfo only.
        claims = { ...claims, ...(await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)) };
      }
    } catch (error) {
      const unreachable = error instanceof TypeError || (error instanceof Error && /fetch failed|ECONNREFUSED|timeout/i.test(`${error.message} ${String(error.cause)}`));
      throw new OidcRefusedError(unreachable ? OidcRefusal.Unavailable : OidcRefusal.Refused, `provider answer refused: ${String(error)}`);
    }
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (email === '' || claims.email_verified === false) {
      throw new OidcRefusedError(OidcRefusal.EmailUnverified, `no verified e-mail in the claims of ${String(claims.sub)}`);
    }
    const user = await this.users.findByEmailForLogin(email);
    if (!user || !user.active) throw new OidcRefusedError(OidcRefusal.UnknownUser, `no active user for the e-mail of ${String(claims.sub)}`);
    return this.login.openSession(user);
  }

  private required(): OidcSettings {
    const settings = this.config.oidc;
    if (!settings) throw new OidcError(OidcErrorCode.OidcNotConfigured, 'La connexion par fournisseur d’identité n’est pas configurée (OIDC_ISSUER_URL) : connectez-vous avec votre adresse et votre mot de passe.');
    return settings;
  }

  private openAttempt(sealed: string | undefined): LoginAttempt {
    let attempt: LoginAttempt | undefined;
    try {
      attempt = sealed ? (JSON.parse(this.box.open(sealed, SEAL_CONTEXT).toString('utf8')) as LoginAttempt) : undefined;
    } catch {
      attempt = undefined;
    }
    if (!attempt || Date.now() - attempt.startedAt > OIDC_ATTEMPT_TTL_MS) {
      throw new OidcRefusedError(OidcRefusal.Refused, 'login attempt cookie missing, altered or expired');
    }
    return attempt;
  }

  /** Discovery once per process; a failure is retried at the next sign-in. */
  private configuration(settings: OidcSettings): Promise<oidc.Configuration> {
    this.discovered ??= discover(settings).catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }
}

function discover(settings: OidcSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuerUrl);
  // Plain HTTP only for a provider on this machine (tests, trials); anything else must be HTTPS.
  const insecure = issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname);
  return oidc.discovery(issuer, settings.clientId, { redirect_uris: [settings.redirectUrl] }, oidc.ClientSecretPost(settings.clientSecret), insecure ? { execute: [oidc.allowInsecureRequests] } : undefined);
}
