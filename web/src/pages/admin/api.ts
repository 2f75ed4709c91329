import { request, upload } from '../../api/client';
import { ApiError, NetworkError, toProblem } from '../../api/problem';
import type { Page } from '../../api/types';
import type {
  AdminDelegation, AdminDesk, AdminTypology, AdminUser, ApiKey, Certificate, Circuit, CircuitStep, CircuitSummary, DeskOverview, RoutePreview, Scope, TenantUsage, TypologyInput, Webhook,
  WebhookDelivery,
} from './types';

const id = (value: string) => encodeURIComponent(value);
/** Answers without a body (204, 202) become `true`, so that callers can tell success from failure. */
const done = () => true as const;

export const listUsers = () => request<AdminUser[]>('GET', '/users');
export const createUser = (body: { email: string; displayName: string; title?: string; roles: string[]; password?: string }) => request<AdminUser>('POST', '/users', { body });
/** Admin API: a user created without a password, who receives a one-time link (72 h) by e-mail. */
export const inviteUser = (body: { email: string; displayName: string; title?: string; roles: string[] }) =>
  request<{ user: AdminUser; linkExpiresAt: string }>('POST', '/admin/users/invitations', { body });
export const setActive = (userId: string, active: boolean) => request<AdminUser>('POST', `/admin/users/${id(userId)}/${active ? 'reactivate' : 'deactivate'}`);
export const sendPasswordReset = (userId: string) => request<{ linkExpiresAt: string }>('POST', `/admin/users/${id(userId)}/password-reset`);
export const resetTotp = (userId: string) => request<AdminUser>('POST', `/admin/users/${id(userId)}/totp-reset`);
export const replaceRoles = (userId: string, roles: string[]) => request<AdminUser>('PUT', `/admin/users/${id(userId)}/roles`, { body: { roles } });
export const deskOverview = () => request<DeskOverview>('GET', '/admin/desk-overview');
export const listCertificates = () => request<Certificate[]>('GET', '/admin/certificates');

export const listDesks = () => request<AdminDesk[]>('GET', '/desks');
export const createDesk = (body: { name: string; parentId?: string }) => request<AdminDesk>('POST', '/desks', { body });
export const setHolders = (deskId: string, userIds: string[]) => request<AdminDesk>('PUT', `/desks/${id(deskId)}/holders`, { body: { userIds } });

export const listDelegations = () => request<AdminDelegation[]>('GET', '/delegations');
export const createDelegation = (body: { fromDeskId: string; toDeskId: string; startsAt: string; endsAt: string; typologyIds?: string[] }) =>
  request<AdminDelegation>('POST', '/delegations', { body });
export const revokeDelegation = (delegationId: string) => request<void>('DELETE', `/delegations/${id(delegationId)}`).then(done);

export const listCircuits = () => request<CircuitSummary[]>('GET', '/circuits');
export const getCircuit = (circuitId: string) => request<Circuit>('GET', `/circuits/${id(circuitId)}`);
export const createCircuit = (body: { name: string; steps: CircuitStep[] }) => request<Circuit>('POST', '/circuits', { body });
export const updateCircuit = (circuitId: string, body: { name: string; steps: CircuitStep[] }) => request<Circuit>('PUT', `/circuits/${id(circuitId)}`, { body });
export const previewRoute = (circuitId: string, metadata: Record<string, unknown>) => request<RoutePreview>('POST', `/circuits/${id(circuitId)}/preview`, { body: { metadata } });

export const listTypologies = () => request<AdminTypology[]>('GET', '/typologies');
export const createTypology = (body: TypologyInput) => request<AdminTypology>('POST', '/typologies', { body });
export const updateTypology = (typologyId: string, body: TypologyInput) => request<AdminTypology>('PUT', `/typologies/${id(typologyId)}`, { body });

export const listApiKeys = () => request<ApiKey[]>('GET', '/api-keys');
export const createApiKey = (body: { name: string; scopes: Scope[] }) => request<ApiKey & { key: string }>('POST', '/api-keys', { body });
export const revokeApiKey = (keyId: string) => request<void>('DELETE', `/api-keys/${id(keyId)}`).then(done);

export const listWebhooks = async () => (await request<{ items: Webhook[] }>('GET', '/webhooks')).items;
export const createWebhook = (body: { url: string; events: string[] }) => request<Webhook & { secret: string }>('POST', '/webhooks', { body });
export const setWebhookEnabled = (webhookId: string, enabled: boolean) => request<Webhook>('PATCH', `/webhooks/${id(webhookId)}`, { body: { enabled } });
export const deleteWebhook = (webhookId: string) => request<void>('DELETE', `/webhooks/${id(webhookId)}`).then(done);
export const listDeliveries = (webhookId: string) => request<Page<WebhookDelivery>>('GET', `/webhooks/${id(webhookId)}/deliveries?limit=20`);
export const replayDelivery = (deliveryId: string) => request<void>('POST', `/webhooks/deliveries/${id(deliveryId)}/replay`).then(done);

export function uploadSeal(file: File, password: string): Promise<unknown> {
  const form = new FormData();
  form.append('password', password);
  form.append('file', file, file.name);
  return upload<unknown>('/signing/seal', form);
}

export const registerHsmSeal = (body: { keyLabel?: string; keyId?: string; chainPem?: string }) => request<unknown>('POST', '/signing/seal/pkcs11', { body });

/**
 * Deployment super-admin (the EPCI): `Authorization: Bearer <SUPERADMIN_TOKEN>`, typed in the page and
 * kept in memory only. No cookie is sent: the token alone speaks.
 */
async function superAdmin<T>(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1/admin/tenants${path}`, { method, headers, credentials: 'omit', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new NetworkError();
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw new ApiError(toProblem(response.status, parsed));
  return parsed as T;
}

export const listTenantUsage = (token: string) => superAdmin<TenantUsage[]>(token, 'GET', '');
export const createTenant = (token: string, body: { name: string; siren: string; admin: { email: string; displayName: string } }) =>
  superAdmin<{ tenant: { id: string; name: string }; linkExpiresAt: string }>(token, 'POST', '', body);
