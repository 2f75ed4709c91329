import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum DocumentErrorCode {
  NotFound = 'document-not-found',
  VersionNotFound = 'document-version-not-found',
  NotPdf = 'document-not-pdf',
  Damaged = 'document-damaged',
  Encrypted = 'document-encrypted',
  CertifiedNoChanges = 'document-certified-no-changes',
  TooLarge = 'document-too-large',
  VersionExists = 'document-version-exists',
  XmlRefused = 'document-xml-refused',
  NotPes = 'document-not-pes',
}

const DOCUMENT_PROBLEMS: ProblemCatalog<DocumentErrorCode> = {
  [DocumentErrorCode.NotFound]: { status: 404, title: 'Document not found' },
  [DocumentErrorCode.VersionNotFound]: { status: 404, title: 'Document version not found' },
  [DocumentErrorCode.NotPdf]: { status: 422, title: 'Not a PDF' },
  [DocumentErrorCode.Damaged]: { status: 422, title: 'Damaged PDF' },
  [DocumentErrorCode.Encrypted]: { status: 422, title: 'Encrypted PDF' },
  [DocumentErrorCode.CertifiedNoChanges]: { status: 422, title: 'Certified PDF allowing no changes' },
  [DocumentErrorCode.TooLarge]: { status: 413, title: 'Document too large' },
  [DocumentErrorCode.VersionExists]: { status: 409, title: 'Document version already written' },
  [DocumentErrorCode.XmlRefused]: { status: 422, title: 'XML document refused' },
  [DocumentErrorCode.NotPes]: { status: 422, title: 'Not a PES_Aller flow' },
};

export class DocumentError extends DomainError<DocumentErrorCode> {
  constructor(code: DocumentErrorCode, detail: string, options: { field?: string } = {}) {
    super(code, DOCUMENT_PROBLEMS[code], detail, options.field ? { fieldErrors: [{ field: options.field, message: detail }] } : {});
  }
}
