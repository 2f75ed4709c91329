import { DomainError, type FieldError, type ProblemCatalog } from '../../common/errors';

export enum SigningErrorCode {
  PeopleOnly = 'signing-people-only',
  KeyMissing = 'signing-key-missing',
  KeyExpired = 'signing-key-expired',
  Pkcs12Invalid = 'signing-pkcs12-invalid',
  PinInvalid = 'signing-pin-invalid',
  PinLocked = 'signing-pin-locked',
  TotpInvalid = 'signing-totp-invalid',
  TotpNotEnabled = 'signing-totp-not-enabled',
  ConsentAmbiguous = 'signing-consent-ambiguous',
  SealMissing = 'signing-seal-missing',
  HsmKeyUnusable = 'signing-hsm-key-unusable',
  FolderNotFound = 'signing-folder-not-found',
  NotSignable = 'signing-not-signable',
  NotYourStep = 'signing-not-your-step',
  TaskNotFound = 'signature-task-not-found',
  TaskNotRetryable = 'signature-task-not-retryable',
  BatchNotFound = 'bulk-batch-not-found',
  WorkflowUnavailable = 'signing-workflow-unavailable',
  UserNotFound = 'signing-user-not-found',
}

const SIGNING_PROBLEMS: ProblemCatalog<SigningErrorCode> = {
  [SigningErrorCode.PeopleOnly]: { status: 403, title: 'Only people can sign' },
  [SigningErrorCode.KeyMissing]: { status: 422, title: 'No signing key' },
  [SigningErrorCode.KeyExpired]: { status: 422, title: 'Signing certificate expired' },
  [SigningErrorCode.Pkcs12Invalid]: { status: 422, title: 'Unusable PKCS#12 file' },
  [SigningErrorCode.PinInvalid]: { status: 403, title: 'Wrong PIN' },
  [SigningErrorCode.PinLocked]: { status: 429, title: 'PIN temporarily locked' },
  [SigningErrorCode.TotpInvalid]: { status: 403, title: 'Wrong one-time code' },
  [SigningErrorCode.TotpNotEnabled]: { status: 409, title: 'TOTP not enabled' },
  [SigningErrorCode.ConsentAmbiguous]: { status: 400, title: 'Give either a PIN or a one-time code' },
  [SigningErrorCode.SealMissing]: { status: 422, title: 'No tenant seal' },
  [SigningErrorCode.HsmKeyUnusable]: { status: 422, title: 'Unusable key on the PKCS#11 token' },
  [SigningErrorCode.FolderNotFound]: { status: 404, title: 'Folder not found' },
  [SigningErrorCode.NotSignable]: { status: 409, title: 'No signature step is active' },
  [SigningErrorCode.NotYourStep]: { status: 403, title: 'Not a holder or delegate of the step' },
  [SigningErrorCode.TaskNotFound]: { status: 404, title: 'Signature task not found' },
  [SigningErrorCode.TaskNotRetryable]: { status: 409, title: 'Signature task not retryable' },
  [SigningErrorCode.BatchNotFound]: { status: 404, title: 'Bulk batch not found' },
  [SigningErrorCode.WorkflowUnavailable]: { status: 503, title: 'Folder workflow unavailable' },
  [SigningErrorCode.UserNotFound]: { status: 404, title: 'User not found' },
};

export class SigningError extends DomainError<SigningErrorCode> {
  constructor(code: SigningErrorCode, detail: string, options: { fieldErrors?: FieldError[]; cause?: unknown } = {}) {
    super(code, SIGNING_PROBLEMS[code], detail, options);
  }
}

/** 429 with the seconds to wait, so clients can show it. */
export class PinLockedError extends SigningError {
  constructor(readonly retryAfterSeconds: number) {
    super(SigningErrorCode.PinLocked, `Trop de codes PIN erronés : votre clé de signature est bloquée, réessayez dans ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
  }
}
