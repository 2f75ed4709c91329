import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum SystemErrorCode {
  QueueCheckNotFound = 'queue-check-not-found',
}

const SYSTEM_PROBLEMS: ProblemCatalog<SystemErrorCode> = {
  [SystemErrorCode.QueueCheckNotFound]: { status: 404, title: 'Queue check not found' },
};

export class SystemError extends DomainError<SystemErrorCode> {
  constructor(code: SystemErrorCode, detail: string) {
    super(code, SYSTEM_PROBLEMS[code], detail);
  }
}
