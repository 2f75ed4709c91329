import { apiUrl, request, setCsrfToken, upload, type UploadOptions } from './client';
import type { AuthProviders, Batch, Consent, DeskInfo, FolderDetail, FolderDocument, FolderSummary, LoginResult, Me, MeApi, Page, Typology } from './types';

/** The per-desk lists of the API the inbox is made of. */
export type FolderView = 'to-act' | 'delegated' | 'late' | 'done';

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

function toMe(api: MeApi): Me {
  return {
    id: api.user.id,
    email: api.user.email,
    displayName: api.user.displayName,
    title: api.user.title,
    roles: api.roles,
    desks: api.desks,
    delegatedDesks: api.delegatedDesks.map((desk) => ({ id: desk.deskId, name: desk.deskName, label: desk.label, endsAt: desk.endsAt })),
    totpEnabled: api.user.totpEnabled === true,
  };
}

export async function fetchMe(): Promise<Me> {
  const me = await request<MeApi>('GET', '/me');
  if (me.csrfToken) setCsrfToken(me.csrfToken);
  return toMe(me);
}

/** Opens a session (cookie + CSRF token), then reads the desks the person may act for. */
export async function login(email: string, password: string, totp?: string): Promise<Me> {
  const result = await request<LoginResult>('POST', '/auth/login', { body: totp ? { email, password, totp } : { email, password } });
  setCsrfToken(result.csrfToken);
  return fetchMe();
}

/** Public: whether to offer « Se connecter avec … » (OpenID Connect). */
export function fetchAuthProviders(): Promise<AuthProviders> {
  return request('GET', '/auth/providers');
}

export async function logout(everywhere = false): Promise<void> {
  try {
    await request<void>('POST', everywhere ? '/auth/logout-everywhere' : '/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

export function listView(view: FolderView, options: { limit?: number; cursor?: string | null } = {}): Promise<Page<FolderSummary>> {
  return request('GET', `/folders${query({ view, limit: options.limit ?? 100, cursor: options.cursor })}`);
}

export function listFolders(params: { status?: string; cursor?: string | null; limit?: number }): Promise<Page<FolderSummary>> {
  return request('GET', `/folders${query({ status: params.status, cursor: params.cursor, limit: params.limit ?? 50 })}`);
}

export function getFolder(id: string): Promise<FolderDetail> {
  return request('GET', `/folders/${encodeURIComponent(id)}`);
}

/** The latest version of a document (the signed one once signed). */
export function documentUrl(folderId: string, document: FolderDocument): string {
  const latest = document.versions.reduce((max, version) => Math.max(max, version.version), 1);
  return apiUrl(`/folders/${encodeURIComponent(folderId)}/documents/${encodeURIComponent(document.id)}/versions/${latest}/content`);
}

export function evidenceUrl(folderId: string): string {
  return apiUrl(`/folders/${encodeURIComponent(folderId)}/evidence.pdf`);
}

export function listDesks(): Promise<DeskInfo[]> {
  return request('GET', '/desks');
}

export function visa(id: string): Promise<FolderDetail> {
  return request('POST', `/folders/${encodeURIComponent(id)}/actions/visa`, { body: {} });
}

export function sign(id: string, consent: Consent): Promise<unknown> {
  return request('POST', `/folders/${encodeURIComponent(id)}/actions/sign`, { body: consent });
}

export function reject(id: string, reason: string): Promise<FolderDetail> {
  return request('POST', `/folders/${encodeURIComponent(id)}/actions/reject`, { body: { reason } });
}

export function comment(id: string, body: string): Promise<unknown> {
  return request('POST', `/folders/${encodeURIComponent(id)}/comments`, { body: { body, visibility: 'public' } });
}

/** « Relance » of the current desk (clerks and administrators; once an hour per folder). */
export function remind(id: string): Promise<{ recipients: number; remindedAt: string }> {
  return request('POST', `/folders/${encodeURIComponent(id)}/actions/remind`, { body: {} });
}

export function withdraw(id: string): Promise<FolderDetail> {
  return request('POST', `/folders/${encodeURIComponent(id)}/actions/withdraw`, { body: {} });
}

export function startBulkSign(folderIds: string[], consent: Consent): Promise<{ batchId: string }> {
  return request('POST', '/bulk-actions', { body: { action: 'sign', folderIds, ...consent } });
}

export function getBatch(id: string): Promise<Batch> {
  return request('GET', `/bulk-actions/${encodeURIComponent(id)}`);
}

export function batchEventsUrl(id: string): string {
  return apiUrl(`/bulk-actions/${encodeURIComponent(id)}/events`);
}

export async function listTypologies(): Promise<Typology[]> {
  const result = await request<Typology[] | Page<Typology>>('GET', '/typologies');
  return Array.isArray(result) ? result : result.items;
}

export function createFolder(form: FormData, options: UploadOptions): Promise<FolderDetail> {
  return upload('/folders', form, options);
}

/** Saves the handwritten signature (a PNG) to the person's profile; the stamp prints it. */
export function saveHandwrittenSignature(png: Blob): Promise<unknown> {
  const form = new FormData();
  form.append('file', png, 'signature.png');
  return request('PUT', '/me/signature-image', { body: form });
}

export function deleteHandwrittenSignature(): Promise<void> {
  return request('DELETE', '/me/signature-image');
}

/** The saved signature as an image URL (`version` defeats the browser cache after a change). */
export function handwrittenSignatureUrl(version: number): string {
  return `${apiUrl('/me/signature-image')}?v=${version}`;
}
