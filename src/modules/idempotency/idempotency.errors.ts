import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum IdempotencyErrorCode {
  KeyInvalid = 'idempotency-key-invalid',
  KeyReused = 'idempotency-key-reused',
  InProgress = 'idempotency-request-in-progress',
  SecretShownOnce = 'idempotency-secret-shown-once',
}

export const IDEMPOTENCY_PROBLEMS: ProblemCatalog<IdempotencyErrorCode> = {
  [IdempotencyErrorCode.KeyInvalid]: { status: 400, title: 'Invalid Idempotency-Key' },
  [IdempotencyErrorCode.KeyReused]: { status: 422, title: 'Idempotency-Key already used for another request' },
  [IdempotencyErrorCode.InProgress]: { status: 409, title: 'A request with this Idempotency-Key is still in progress' },
  [IdempotencyErrorCode.SecretShownOnce]: { status: 409, title: 'Request already processed; its secret was shown once' },
};

export class IdempotencyError extends DomainError<IdempotencyErrorCode> {
  constructor(code: IdempotencyErrorCode, detail: string) {
    super(code, IDEMPOTENCY_PROBLEMS[code], detail);
  }
}
