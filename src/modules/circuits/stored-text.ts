import { CommonError, CommonErrorCode, type FieldError } from '../../common/errors';

const MAX_DEPTH = 20;

/** Paths of strings (and object keys) holding a NUL character, which PostgreSQL text and jsonb cannot store. */
export function nulCharacterPaths(value: unknown, path: string, depth = 0): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return [];
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => {
    const at = path ? `${path}.${key}` : key;
    return [...(key.includes('\u0000') ? [at] : []), ...nulCharacterPaths(item, at, depth + 1)];
  });
}

/** A 400 naming each field with a NUL character, before anything reaches the database (a 500 otherwise). */
export function refuseNulCharacters(value: unknown): void {
  const paths = nulCharacterPaths(value, '');
  if (paths.length === 0) return;
  const fieldErrors: FieldError[] = paths.map((field) => ({ field, message: 'Le caractère NUL (\\u0000) n’est pas accepté.' }));
  throw new CommonError(CommonErrorCode.ValidationFailed, 'Certains textes contiennent le caractère NUL (\\u0000) : retirez-le des champs listés dans « errors ».', { fieldErrors });
}
