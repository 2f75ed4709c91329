import { ApiScope } from './api-scope';
import { scopesForRoles } from './role-scopes';
import { UserRole } from './user-role';

describe('scopesForRoles', () => {
  it('gives admin everything a clerk has, plus admin', () => {
    const admin = scopesForRoles([UserRole.Admin]);
    for (const scope of scopesForRoles([UserRole.Clerk])) expect(admin).toContain(scope);
    expect(admin).toContain(ApiScope.Admin);
  });

  it('never gives admin to clerks or signers, and merges roles without duplicates', () => {
    expect(scopesForRoles([UserRole.Clerk, UserRole.Signer]).sort()).toEqual([ApiScope.FoldersRead, ApiScope.FoldersWrite].sort());
    expect(scopesForRoles([])).toEqual([]);
  });
});
