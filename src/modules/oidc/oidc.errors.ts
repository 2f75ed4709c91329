import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum OidcErrorCode {
  OidcNotConfigured = 'oidc-not-configured',
  OidcProviderUnavailable = 'oidc-provider-unavailable',
}

const OIDC_PROBLEMS: ProblemCatalog<OidcErrorCode> = {
  [OidcErrorCode.OidcNotConfigured]: { status: 404, title: 'OpenID Connect sign-in not configured' },
  [OidcErrorCode.OidcProviderUnavailable]: { status: 502, title: 'OpenID Connect provider unavailable' },
};

export class OidcError extends DomainError<OidcErrorCode> {
  constructor(code: OidcErrorCode, detail: string) {
    super(code, OIDC_PROBLEMS[code], detail);
  }
}

/**
 * Why a sign-in through the provider was refused. The callback is a browser navigation, so these
 * are not problem documents: the browser is sent back to `/?oidc_error=<reason>` and the web app
 * shows the matching French message.
 */
export enum OidcRefusal {
  /** The verified e-mail matches no active user of any tenant (no automatic account creation). */
  UnknownUser = 'unknown-user',
  /** The provider says the e-mail is not verified, or sent none. */
  EmailUnverified = 'email-unverified',
  /** State, nonce, PKCE or token checks failed, the login attempt expired, or the person cancelled. */
  Refused = 'refused',
  /** Discovery or the token request could not reach the provider. */
  Unavailable = 'unavailable',
}

export class OidcRefusedError extends Error {
  constructor(readonly reason: OidcRefusal, message: string) {
    super(message);
    this.name = 'OidcRefusedError';
  }
}
