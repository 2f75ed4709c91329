import { DomainError, type ProblemCatalog } from '../../common/errors';

export enum UserErrorCode {
  UserNotFound = 'user-not-found',
  EmailTaken = 'user-email-taken',
  DeskNotFound = 'desk-not-found',
  DeskNameTaken = 'desk-name-taken',
  DelegationNotFound = 'delegation-not-found',
  DelegationInvalid = 'delegation-invalid',
  TypologyNotFound = 'typology-not-found',
  SelfLockout = 'user-self-lockout',
}

const USER_PROBLEMS: ProblemCatalog<UserErrorCode> = {
  [UserErrorCode.UserNotFound]: { status: 404, title: 'User not found' },
  [UserErrorCode.EmailTaken]: { status: 409, title: 'E-mail already used' },
  [UserErrorCode.DeskNotFound]: { status: 404, title: 'Desk not found' },
  [UserErrorCode.DeskNameTaken]: { status: 409, title: 'Desk name already used' },
  [UserErrorCode.DelegationNotFound]: { status: 404, title: 'Delegation not found' },
  [UserErrorCode.DelegationInvalid]: { status: 422, title: 'Invalid delegation' },
  [UserErrorCode.TypologyNotFound]: { status: 404, title: 'Typology not found' },
  [UserErrorCode.SelfLockout]: { status: 409, title: 'Would lock the administrator out' },
};

export class UserError extends DomainError<UserErrorCode> {
  constructor(code: UserErrorCode, detail: string) {
    super(code, USER_PROBLEMS[code], detail);
  }
}

export function userNotFound(id: string): UserError {
  return new UserError(UserErrorCode.UserNotFound, `Aucun utilisateur avec l’identifiant ${id} dans votre collectivité.`);
}

export function deskNotFound(id: string): UserError {
  return new UserError(UserErrorCode.DeskNotFound, `Aucun bureau avec l’identifiant ${id} dans votre collectivité.`);
}

/** An administrator may not deactivate themself or drop their own admin role: another admin must. */
export function selfLockout(what: string): UserError {
  return new UserError(UserErrorCode.SelfLockout, `Vous ne pouvez pas ${what} : un autre administrateur doit le faire, pour que la collectivité garde toujours un administrateur.`);
}

/** PostgreSQL unique_violation, raised when two requests race past our own check. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
