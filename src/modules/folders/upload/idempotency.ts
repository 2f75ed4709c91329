import { createHash } from 'node:crypto';
import { ActorKind, type AuthContext } from '../../../common/auth';
import { FolderError, FolderErrorCode } from '../folders.errors';
import type { FolderUpload } from './folder-upload.interceptor';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header, checked: 1–200 visible ASCII characters (a UUID is the usual choice). */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY_PATTERN.test(header)) {
    throw new FolderError(FolderErrorCode.IdempotencyKeyInvalid, 'L’en-tête Idempotency-Key doit faire 1 à 200 caractères ASCII visibles (un UUID par exemple).', {
      fieldErrors: [{ field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' }],
    });
  }
  return header;
}

/**
 * What folders.idempotency_key holds: the key scoped to its caller (the API key, else the person),
 * as a SHA-256 hex so it fits the column. Two programs of one town may choose the same key without
 * ever receiving each other's folder or a 422.
 */
export function scopedIdempotencyKey(ctx: AuthContext, key: string): string {
  const caller = ctx.actorKind === ActorKind.ApiClient ? `api-key:${ctx.apiClientId}` : `user:${ctx.userId}`;
  return createHash('sha256').update(`${caller}\0${key}`).digest('hex');
}

/** SHA-256 over the folder part and every file (part, name, type, bytes' hash), in order. */
export function requestFingerprint(upload: FolderUpload): string {
  const hash = createHash('sha256').update(upload.folder ?? '').update('\0');
  for (const [part, files] of [['documents', upload.documents], ['annexes', upload.annexes]] as const) {
    for (const file of files) {
      hash.update(`${part}\0${file.originalname}\0${file.mimetype}\0`).update(createHash('sha256').update(file.buffer).digest()).update('\0');
    }
  }
  return hash.digest('hex');
}
