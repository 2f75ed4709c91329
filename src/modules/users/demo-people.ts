import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { UserRole } from '../../common/auth';
import { DesksService } from './desks.service';
import { UsersService } from './users.service';

export interface DemoPeople {
  /** One password for every demo account, printed once. */
  password: string;
  accounts: Array<{ email: string; label: string }>;
}

const DEMO_ACCOUNTS: Array<{ email: string; displayName: string; title: string; roles: UserRole[]; desk?: string }> = [
  { email: 'maire@demo.parapheur.fr', displayName: 'Jeanne Martin', title: 'Maire', roles: [UserRole.Signer], desk: 'Maire' },
  { email: 'adjoint@demo.parapheur.fr', displayName: 'Paul Durand', title: '1er adjoint', roles: [UserRole.Signer], desk: '1er adjoint' },
  { email: 'dgs@demo.parapheur.fr', displayName: 'Claire Petit', title: 'Directrice générale des services', roles: [UserRole.Signer, UserRole.Clerk], desk: 'DGS' },
  { email: 'secretaire@demo.parapheur.fr', displayName: 'Luc Bernard', title: 'Secrétariat', roles: [UserRole.Clerk] },
  { email: 'admin@demo.parapheur.fr', displayName: 'Administrateur démo', title: 'Administrateur', roles: [UserRole.Admin] },
];

/** First start only: the demo tenant's people and desks (Maire, 1er adjoint, DGS), with one random password. */
export async function seedDemoPeople(app: INestApplicationContext, tenantId: string): Promise<DemoPeople> {
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  const users = app.get(UsersService);
  const desks = app.get(DesksService);
  for (const account of DEMO_ACCOUNTS) {
    const user = await users.createInTenant(tenantId, { email: account.email, displayName: account.displayName, title: account.title, roles: account.roles, password });
    if (account.desk) {
      const desk = await desks.createInTenant(tenantId, { name: account.desk });
      await desks.setHoldersInTenant(tenantId, desk.id, [user.id]);
    }
  }
  return {
    password,
    accounts: DEMO_ACCOUNTS.map((a) => ({ email: a.email, label: `${a.title} (${a.roles.join(', ')})` })),
  };
}

/** Plain stdout, like the demo API key: the password must reach the operator once. */
export function printDemoPeople(people: DemoPeople, publicUrl: string): void {
  const rule = '='.repeat(78);
  process.stdout.write(
    [
      rule,
      '  Comptes de démonstration (mot de passe commun, affiché UNE SEULE FOIS) :',
      '',
      ...people.accounts.map((a) => `    ${a.email.padEnd(32)} ${a.label}`),
      '',
      `  Mot de passe : ${people.password}`,
      `  Connexion : POST ${publicUrl}/api/v1/auth/login {"email": "...", "password": "..."}`,
      rule,
      '',
      '',
    ].join('\n'),
  );
}
