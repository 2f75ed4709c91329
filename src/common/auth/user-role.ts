/**
 * What a person may do in their tenant. Values are stable: they are stored with each user.
 * admin ⊇ clerk (manages users, desks, delegations, API keys); clerk prepares and follows folders;
 * signer acts (visa, signature) on the desks they hold or are delegated. Acting on a folder always
 * also needs the desk: roles grant scopes, desks grant steps.
 */
export enum UserRole {
  Admin = 'admin',
  Clerk = 'clerk',
  Signer = 'signer',
}

export const USER_ROLES: readonly UserRole[] = Object.values(UserRole);

export function isUserRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}
