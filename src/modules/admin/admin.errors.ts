import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum AdminErrorCode {
  LinkInvalid = 'account-link-invalid',
  LinkThrottled = 'account-link-throttled',
  UserInactive = 'admin-user-inactive',
  DeskCycle = 'admin-desk-cycle',
  SuperAdminOnly = 'superadmin-only',
  SuperAdminUnauthenticated = 'superadmin-unauthenticated',
}

const ADMIN_PROBLEMS: ProblemCatalog<AdminErrorCode> = {
  [AdminErrorCode.LinkInvalid]: { status: 410, title: 'Link no longer valid' },
  [AdminErrorCode.LinkThrottled]: { status: 429, title: 'Too many attempts' },
  [AdminErrorCode.UserInactive]: { status: 409, title: 'User is deactivated' },
  [AdminErrorCode.DeskCycle]: { status: 422, title: 'Desk hierarchy cycle' },
  [AdminErrorCode.SuperAdminOnly]: { status: 403, title: 'Deployment super-admin only' },
  [AdminErrorCode.SuperAdminUnauthenticated]: { status: 401, title: 'Super-admin credential missing' },
};

export class AdminError extends DomainError<AdminErrorCode> {
  constructor(code: AdminErrorCode, detail: string) {
    super(code, ADMIN_PROBLEMS[code], detail);
  }
}
