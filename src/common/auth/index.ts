export { API_SCOPES, ApiScope, isApiScope } from './api-scope';
export { ActorKind, type AuthContext } from './auth-context';
export { isUserRole, USER_ROLES, UserRole } from './user-role';
export { scopesForRoles } from './role-scopes';
