import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum EvidenceErrorCode {
  FolderNotFound = 'evidence-folder-not-found',
}

const EVIDENCE_PROBLEMS: ProblemCatalog<EvidenceErrorCode> = {
  [EvidenceErrorCode.FolderNotFound]: { status: 404, title: 'Folder not found' },
};

export class EvidenceError extends DomainError<EvidenceErrorCode> {
  constructor(code: EvidenceErrorCode, detail: string) {
    super(code, EVIDENCE_PROBLEMS[code], detail);
  }
}
