import { DomainError, type FieldError, type ProblemCatalog } from '../../common/errors';

export enum FolderErrorCode {
  NotFound = 'folder-not-found',
  FolderPartInvalid = 'folder-part-invalid',
  DocumentsMissing = 'folder-documents-missing',
  AnnexesMissing = 'folder-annexes-missing',
  UploadTooLarge = 'folder-upload-too-large',
  UploadInvalid = 'folder-upload-invalid',
  ExternalIdTaken = 'folder-external-id-taken',
  InvalidState = 'folder-invalid-state',
  StepAlreadyDone = 'folder-step-already-done',
  WrongStepKind = 'folder-wrong-step-kind',
  NotActor = 'folder-not-actor',
  PeopleOnly = 'folder-people-only',
  NotCreator = 'folder-not-creator',
  ReasonRequired = 'folder-reason-required',
  InvalidTargetStep = 'folder-invalid-target-step',
  EmptyRoute = 'folder-empty-route',
  CursorInvalid = 'folder-cursor-invalid',
  IdempotencyKeyInvalid = 'folder-idempotency-key-invalid',
  IdempotencyKeyReused = 'folder-idempotency-key-reused',
  RemindForbidden = 'folder-remind-forbidden',
  RemindThrottled = 'folder-remind-throttled',
}

const FOLDER_PROBLEMS: ProblemCatalog<FolderErrorCode> = {
  [FolderErrorCode.NotFound]: { status: 404, title: 'Folder not found' },
  [FolderErrorCode.FolderPartInvalid]: { status: 400, title: 'Invalid folder part' },
  [FolderErrorCode.DocumentsMissing]: { status: 422, title: 'Main document missing' },
  [FolderErrorCode.AnnexesMissing]: { status: 422, title: 'Required annex missing' },
  [FolderErrorCode.UploadTooLarge]: { status: 413, title: 'Upload too large' },
  [FolderErrorCode.UploadInvalid]: { status: 400, title: 'Invalid multipart upload' },
  [FolderErrorCode.ExternalIdTaken]: { status: 409, title: 'External id already used' },
  [FolderErrorCode.InvalidState]: { status: 409, title: 'Not allowed in the folder status' },
  [FolderErrorCode.StepAlreadyDone]: { status: 409, title: 'Step already done' },
  [FolderErrorCode.WrongStepKind]: { status: 409, title: 'Wrong action for the current step' },
  [FolderErrorCode.NotActor]: { status: 403, title: 'Not a holder or delegate of the current step' },
  [FolderErrorCode.PeopleOnly]: { status: 403, title: 'Reserved to people' },
  [FolderErrorCode.NotCreator]: { status: 403, title: 'Only the creator may do this' },
  [FolderErrorCode.ReasonRequired]: { status: 422, title: 'Reason required' },
  [FolderErrorCode.InvalidTargetStep]: { status: 422, title: 'Invalid target step' },
  [FolderErrorCode.EmptyRoute]: { status: 422, title: 'Empty route' },
  [FolderErrorCode.CursorInvalid]: { status: 400, title: 'Invalid cursor' },
  [FolderErrorCode.IdempotencyKeyInvalid]: { status: 400, title: 'Invalid Idempotency-Key' },
  [FolderErrorCode.IdempotencyKeyReused]: { status: 422, title: 'Idempotency-Key reused with another request' },
  [FolderErrorCode.RemindForbidden]: { status: 403, title: 'Only clerks and administrators remind' },
  [FolderErrorCode.RemindThrottled]: { status: 429, title: 'Already reminded recently' },
};

export class FolderError extends DomainError<FolderErrorCode> {
  constructor(code: FolderErrorCode, detail: string, options: { fieldErrors?: FieldError[] } = {}) {
    super(code, FOLDER_PROBLEMS[code], detail, options);
  }
}

export function folderNotFound(id: string): FolderError {
  return new FolderError(FolderErrorCode.NotFound, `Aucun dossier avec l’identifiant ${id} dans votre collectivité.`);
}
