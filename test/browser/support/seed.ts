import type { INestApplicationContext } from '@nestjs/common';
import { StepKind } from '../../../src/modules/folders/folder-state-machine';
import { base32Decode, totp } from '../../../src/modules/sessions/totp';
import type { StandInRoutes, StandInTypologies } from './service';
import { createTenantWithKey } from '../../support/factories';
import { samplePdf } from './pdfs';

/** A commune set up through the public API, as an administrator would: people, desks, a circuit, a typology. */
export interface Commune {
  tenantId: string;
  baseURL: string;
  bearer: { Authorization: string };
  maire: { email: string; password: string; pin: string; userId: string; deskId: string };
  clerk: { email: string; password: string; userId: string; deskId: string };
  typologyId?: string;
}

export const PASSWORD = 'correct horse battery staple';

async function api<T>(baseURL: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  const response = await fetch(`${baseURL}/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined || body instanceof FormData ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A person's session outside the browser: cookie + CSRF token, for the set-up steps a person does (key enrolment). */
export async function personSession(baseURL: string, email: string, password: string): Promise<Record<string, string>> {
  const response = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!response.ok) throw new Error(`login ${email} → ${response.status}: ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  return { Cookie: cookie, 'X-CSRF-Token': csrfToken };
}

export async function seedPeople(app: INestApplicationContext, baseURL: string): Promise<Commune> {
  const { bearer, tenant } = await createTenantWithKey(app);
  const auth = bearer as Record<string, string>;
  const suffix = Math.random().toString(36).slice(2, 8);
  const maire = await api<{ id: string }>(baseURL, 'POST', '/users', auth, { email: `maire-${suffix}@demo.parapheur.fr`, displayName: 'Marie Dupont', title: 'Maire', roles: ['signer'], password: PASSWORD });
  const clerk = await api<{ id: string }>(baseURL, 'POST', '/users', auth, { email: `secretariat-${suffix}@demo.parapheur.fr`, displayName: 'Sophie Martin', title: 'Secrétaire de mairie', roles: ['clerk'], password: PASSWORD });
  const maireDesk = await api<{ id: string }>(baseURL, 'POST', '/desks', auth, { name: 'Maire' });
  const clerkDesk = await api<{ id: string }>(baseURL, 'POST', '/desks', auth, { name: 'Secrétariat' });
  await api(baseURL, 'PUT', `/desks/${maireDesk.id}/holders`, auth, { userIds: [maire.id] });
  await api(baseURL, 'PUT', `/desks/${clerkDesk.id}/holders`, auth, { userIds: [clerk.id] });
  return {
    tenantId: tenant.id,
    baseURL,
    bearer,
    maire: { email: `maire-${suffix}@demo.parapheur.fr`, password: PASSWORD, pin: '482913', userId: maire.id, deskId: maireDesk.id },
    clerk: { email: `secretariat-${suffix}@demo.parapheur.fr`, password: PASSWORD, userId: clerk.id, deskId: clerkDesk.id },
  };
}

/** The typology the tests use, as GET /typologies will describe it. */
export const TYPOLOGY = {
  type: 'Délibérations',
  subtype: 'Conseil municipal',
  metadataSchema: {
    fields: [
      { name: 'montant', label: 'Montant (€)', type: 'number' },
      { name: 'seance', label: 'Date de séance', type: 'date', required: true },
    ],
  },
  requiredAnnexes: [],
};

/**
 * The Maire's signing key (issued by the tenant CA, under her PIN), then a one-step signature circuit
 * and a typology. Circuits and typologies are stand-ins behind the folders module's ports
 * (support/service.ts) until their modules land.
 */
export async function seedCircuit(commune: Commune, service: { typologies: StandInTypologies; routes: StandInRoutes }): Promise<void> {
  const maire = await personSession(commune.baseURL, commune.maire.email, commune.maire.password);
  await api(commune.baseURL, 'POST', '/me/signing-key', maire, { pin: commune.maire.pin });
  const circuitId = service.routes.add([{ kind: StepKind.Signature, deskIds: [commune.maire.deskId], name: 'Signature du maire' }]);
  commune.typologyId = service.typologies.add(commune.tenantId, circuitId, ['seance']);
}

/** A folder pushed by business software (API key), as most folders arrive. */
export async function seedFolder(commune: Commune, title: string): Promise<string> {
  const form = new FormData();
  const folder = { typologyId: commune.typologyId, title, metadata: { montant: 12500, seance: '2026-11-18' }, start: true };
  form.append('folder', JSON.stringify(folder));
  form.append('documents', new Blob([await samplePdf(title, 2)], { type: 'application/pdf' }), `${title.slice(0, 20).replace(/\W+/g, '-')}.pdf`);
  const created = await api<{ id: string }>(commune.baseURL, 'POST', '/folders', commune.bearer as Record<string, string>, form);
  return created.id;
}

export async function tenantRootPem(commune: Commune): Promise<string> {
  const ca = await api<{ rootCertificatePem: string }>(commune.baseURL, 'GET', '/signing/ca', commune.bearer as Record<string, string>);
  return ca.rootCertificatePem;
}

/** An adjoint with TOTP turned on (enrolled and confirmed through the API); `code()` gives the next step's code. */
export async function seedTotpUser(commune: Commune): Promise<{ email: string; password: string; code: () => string }> {
  const email = `adjoint-${Math.random().toString(36).slice(2, 8)}@demo.parapheur.fr`;
  await api(commune.baseURL, 'POST', '/users', commune.bearer as Record<string, string>, { email, displayName: 'Jean Leroy', title: 'Adjoint', roles: ['signer'], password: PASSWORD });
  const session = await personSession(commune.baseURL, email, PASSWORD);
  const { secret } = await api<{ secret: string }>(commune.baseURL, 'POST', '/me/totp', session, {});
  const key = base32Decode(secret);
  await api(commune.baseURL, 'POST', '/me/totp/confirm', session, { code: totp(key, new Date()) });
  return { email, password: PASSWORD, code: () => totp(key, new Date(Date.now() + 30_000)) };
}
