import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum AuditErrorCode {
  EventInvalid = 'audit-event-invalid',
  TenantNotFound = 'audit-tenant-not-found',
}

const AUDIT_PROBLEMS: ProblemCatalog<AuditErrorCode> = {
  [AuditErrorCode.EventInvalid]: { status: 422, title: 'Audit event cannot be recorded' },
  [AuditErrorCode.TenantNotFound]: { status: 404, title: 'Tenant not found' },
};

export class AuditError extends DomainError<AuditErrorCode> {
  constructor(code: AuditErrorCode, detail: string, options: { cause?: unknown } = {}) {
    super(code, AUDIT_PROBLEMS[code], detail, options);
  }
}
