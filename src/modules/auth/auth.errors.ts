import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum AuthErrorCode {
  ApiKeyMissing = 'api-key-missing',
  ApiKeyMalformed = 'api-key-malformed',
  ApiKeyInvalid = 'api-key-invalid',
  ApiKeyRevoked = 'api-key-revoked',
  ScopeMissing = 'scope-missing',
  ApiKeyNotFound = 'api-key-not-found',
}

const AUTH_PROBLEMS: ProblemCatalog<AuthErrorCode> = {
  [AuthErrorCode.ApiKeyMissing]: { status: 401, title: 'API key missing' },
  [AuthErrorCode.ApiKeyMalformed]: { status: 401, title: 'API key malformed' },
  [AuthErrorCode.ApiKeyInvalid]: { status: 401, title: 'API key invalid' },
  [AuthErrorCode.ApiKeyRevoked]: { status: 401, title: 'API key revoked' },
  [AuthErrorCode.ScopeMissing]: { status: 403, title: 'Scope missing' },
  [AuthErrorCode.ApiKeyNotFound]: { status: 404, title: 'API key not found' },
};

export class AuthError extends DomainError<AuthErrorCode> {
  constructor(code: AuthErrorCode, detail: string) {
    super(code, AUTH_PROBLEMS[code], detail);
  }
}
