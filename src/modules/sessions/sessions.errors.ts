import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum SessionErrorCode {
  InvalidCredentials = 'invalid-credentials',
  TotpRequired = 'totp-required',
  TotpInvalid = 'totp-invalid',
  LoginThrottled = 'login-throttled',
  SessionInvalid = 'session-invalid',
  CsrfTokenInvalid = 'csrf-token-invalid',
  PeopleOnly = 'people-only',
  TotpAlreadyEnabled = 'totp-already-enabled',
  TotpNotEnrolled = 'totp-not-enrolled',
  TotpConfirmationFailed = 'totp-confirmation-failed',
  SignatureImageMissing = 'signature-image-missing',
  SignatureImageInvalid = 'signature-image-invalid',
  SignatureImageRequired = 'signature-image-required',
}

const SESSION_PROBLEMS: ProblemCatalog<SessionErrorCode> = {
  [SessionErrorCode.InvalidCredentials]: { status: 401, title: 'Invalid credentials' },
  [SessionErrorCode.TotpRequired]: { status: 401, title: 'TOTP code required' },
  [SessionErrorCode.TotpInvalid]: { status: 401, title: 'Invalid TOTP code' },
  [SessionErrorCode.LoginThrottled]: { status: 429, title: 'Too many login attempts' },
  [SessionErrorCode.SessionInvalid]: { status: 401, title: 'Session invalid or expired' },
  [SessionErrorCode.CsrfTokenInvalid]: { status: 403, title: 'CSRF token missing or invalid' },
  [SessionErrorCode.PeopleOnly]: { status: 403, title: 'Only for people' },
  [SessionErrorCode.TotpAlreadyEnabled]: { status: 409, title: 'TOTP already enabled' },
  [SessionErrorCode.TotpNotEnrolled]: { status: 409, title: 'No TOTP enrolment in progress' },
  [SessionErrorCode.TotpConfirmationFailed]: { status: 422, title: 'TOTP code not accepted' },
  [SessionErrorCode.SignatureImageMissing]: { status: 404, title: 'No handwritten signature saved' },
  [SessionErrorCode.SignatureImageInvalid]: { status: 422, title: 'Unusable signature image' },
  [SessionErrorCode.SignatureImageRequired]: { status: 400, title: 'Signature image file missing' },
};

export class SessionError extends DomainError<SessionErrorCode> {
  constructor(code: SessionErrorCode, detail: string) {
    super(code, SESSION_PROBLEMS[code], detail);
  }
}

/** 429 with the delay to announce in Retry-After. */
export class LoginThrottledError extends SessionError {
  constructor(readonly retryAfterSeconds: number) {
    super(SessionErrorCode.LoginThrottled, `Trop de tentatives de connexion : réessayez dans ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
  }
}

/** One message for an unknown e-mail, a wrong password or an inactive account: no user enumeration. */
export function invalidCredentials(): SessionError {
  return new SessionError(SessionErrorCode.InvalidCredentials, 'Adresse électronique ou mot de passe incorrect.');
}
