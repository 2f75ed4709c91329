import { ActorKind, type AuthContext } from '../../common/auth';
import type { AuditActor } from './audit-chain';

/** Who acts when no request does: a worker (e.g. the signing worker, an automatic seal) or the system itself. */
export interface SystemActor {
  readonly tenantId: string;
  readonly kind: 'worker' | 'system';
  /** A stable name, e.g. `signing-worker`, `notifications`. */
  readonly id: string;
  readonly name?: string;
}

/** Extra facts about the actor of one event: the desk acted for and, for a delegate, "en l'absence de …". */
export type AuditActorDetails = Partial<AuditActor>;

export function isSystemActor(ctx: AuthContext | SystemActor): ctx is SystemActor {
  return !('actorKind' in ctx);
}

/** The recorded actor: who the context says is calling, completed (or replaced field by field) by `details`. */
export function auditActorOf(ctx: AuthContext | SystemActor, details: AuditActorDetails = {}): AuditActor {
  const base: AuditActor = isSystemActor(ctx)
    ? { kind: ctx.kind, id: ctx.id, name: ctx.name }
    : ctx.actorKind === ActorKind.User
      ? { kind: 'user', id: ctx.userId ?? 'unknown', name: ctx.displayName }
      : { kind: 'api_client', id: ctx.apiClientId ?? 'unknown' };
  const merged: AuditActor = { ...base, ...details };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined && value !== null)) as unknown as AuditActor;
}
