import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum TenantErrorCode {
  NotFound = 'tenant-not-found',
  NameInvalid = 'tenant-name-invalid',
  SirenInvalid = 'tenant-siren-invalid',
  SirenTaken = 'tenant-siren-taken',
}

const TENANT_PROBLEMS: ProblemCatalog<TenantErrorCode> = {
  [TenantErrorCode.NotFound]: { status: 404, title: 'Tenant not found' },
  [TenantErrorCode.NameInvalid]: { status: 422, title: 'Invalid tenant name' },
  [TenantErrorCode.SirenInvalid]: { status: 422, title: 'Invalid SIREN' },
  [TenantErrorCode.SirenTaken]: { status: 409, title: 'SIREN already registered' },
};

export class TenantError extends DomainError<TenantErrorCode> {
  constructor(code: TenantErrorCode, detail: string) {
    super(code, TENANT_PROBLEMS[code], detail);
  }
}
