import { createHash } from 'node:crypto';
import { ActorKind, type AuthContext } from '../../common/auth';

/** 1–200 visible ASCII characters (a UUID is the usual choice). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export const IDEMPOTENCY_KEY_RULE = 'L’en-tête Idempotency-Key doit faire 1 à 200 caractères ASCII visibles (un UUID par exemple).';

/** Keys belong to their caller: the API key, else the person. */
export function idempotencyCaller(ctx: AuthContext): string {
  return ctx.actorKind === ActorKind.ApiClient ? `api-key:${ctx.apiClientId}` : `user:${ctx.userId}`;
}

export function sha256Hex(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}
