import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum ValidationErrorCode {
  NoFile = 'validation-no-file',
  TooLarge = 'validation-too-large',
  UnsupportedMediaType = 'validation-unsupported-media-type',
  NotPdf = 'validation-not-pdf',
  Encrypted = 'validation-encrypted',
  Malformed = 'validation-malformed-pdf',
  DocumentNotFound = 'archive-document-not-found',
  NotArchivable = 'archive-not-archivable',
  TsaUnavailable = 'archive-tsa-unavailable',
}

const VALIDATION_PROBLEMS: ProblemCatalog<ValidationErrorCode> = {
  [ValidationErrorCode.NoFile]: { status: 400, title: 'No PDF sent' },
  [ValidationErrorCode.TooLarge]: { status: 413, title: 'PDF too large' },
  [ValidationErrorCode.UnsupportedMediaType]: { status: 415, title: 'Unsupported content type' },
  [ValidationErrorCode.NotPdf]: { status: 422, title: 'Not a PDF' },
  [ValidationErrorCode.Encrypted]: { status: 422, title: 'Encrypted PDF' },
  [ValidationErrorCode.Malformed]: { status: 422, title: 'Malformed PDF' },
  [ValidationErrorCode.DocumentNotFound]: { status: 404, title: 'Document not found' },
  [ValidationErrorCode.NotArchivable]: { status: 409, title: 'Document cannot get an archive time-stamp' },
  [ValidationErrorCode.TsaUnavailable]: { status: 503, title: 'Time-stamping authority unavailable' },
};

export class ValidationError extends DomainError<ValidationErrorCode> {
  constructor(code: ValidationErrorCode, detail: string) {
    super(code, VALIDATION_PROBLEMS[code], detail);
  }
}
