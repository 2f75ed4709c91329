/** What an API key may do. Values are stable: they are stored with each key. */
export enum ApiScope {
  FoldersRead = 'folders:read',
  FoldersWrite = 'folders:write',
  Admin = 'admin',
}

export const API_SCOPES: readonly ApiScope[] = Object.values(ApiScope);

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}
