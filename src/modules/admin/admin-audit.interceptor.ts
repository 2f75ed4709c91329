import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { mergeMap, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { ApiScope } from '../../common/auth';
import { API_V1 } from '../../common/http/api-paths';
import type { AuditPayload } from '../audit/audit-chain';
import type { JsonValue } from '../audit/canonical-json';
import { AuditService } from '../audit/audit.service';
import { type AuthenticatedRequest, REQUIRED_SCOPES } from '../auth/api-key.guard';
import { AUDITED_IN_SERVICE } from './admin-audit';

const VERBS: Readonly<Record<string, string>> = { POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' };
/** Configuration routes audited even without the admin scope (API clients manage their own webhooks). */
const ALWAYS_AUDITED_PREFIXES = [`/${API_V1}/webhooks`];
const SECRET_FIELD = /password|pin|secret|token|^key$/i;
const MAX_STRING = 500;
const MAX_ITEMS = 50;
const MAX_DEPTH = 4;

type UploadRequest = AuthenticatedRequest & { file?: { buffer?: Buffer; originalname?: string } };

/**
 * Writes one audit event for every successful admin change whose service does not audit it in its own
 * transaction (routes marked @AuditedInService do: /admin, users, desks, delegations, circuits,
 * typologies). Today that is API keys, webhooks, the seal, people's key revocation and queue checks:
 * the route, its ids, the body with secrets masked, the id of what was created and the SHA-256 of an
 * uploaded file. Appended right after the change commits, so a crash in between could lose the event.
 */
@Injectable()
export class AdminAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.isAudited(context)) return next.handle();
    return next.handle().pipe(mergeMap(async (result: unknown) => {
      await this.record(context.switchToHttp().getRequest<UploadRequest>(), result);
      return result;
    }));
  }

  private isAudited(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<UploadRequest>();
    if (!VERBS[request.method]) return false;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(AUDITED_IN_SERVICE, targets)) return false;
    const scopes = this.reflector.getAllAndOverride<ApiScope[] | undefined>(REQUIRED_SCOPES, targets) ?? [];
    return scopes.includes(ApiScope.Admin) || ALWAYS_AUDITED_PREFIXES.some((prefix) => request.path.startsWith(prefix));
  }

  private async record(request: UploadRequest, result: unknown): Promise<void> {
    const auth = request.auth;
    if (!auth) return;
    const routePath = String((request.route as { path?: unknown } | undefined)?.path ?? request.path);
    const payload: AuditPayload = {
      route: `${request.method} ${routePath}`,
      params: sanitize(request.params, 0),
      body: sanitize(request.body, 0),
    };
    const resultId = (result as { id?: unknown } | null | undefined)?.id;
    if (typeof resultId === 'string') payload.resultId = resultId;
    if (request.file?.buffer) payload.file = { sha256: createHash('sha256').update(request.file.buffer).digest('hex'), size: request.file.buffer.length };
    await this.audit.append(this.dataSource.manager, auth, { action: actionOf(request.method, routePath), payload });
  }
}

/** `PUT /api/v1/desks/:id/holders` → `admin.desks.holders.replace`. */
export function actionOf(method: string, routePath: string): string {
  const segments = routePath.split('/').filter((s) => s.length > 0 && !s.startsWith(':'));
  const afterVersion = segments.slice(segments.indexOf('v1') + 1).map((s) => s.toLowerCase().replace(/[^a-z0-9_-]/g, '-'));
  return ['admin', ...afterVersion, VERBS[method] ?? 'change'].join('.');
}

/** JSON-safe copy with secrets masked and sizes bounded (the audit trail stores it forever). */
export function sanitize(value: unknown, depth: number): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => sanitize(item, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value).slice(0, MAX_ITEMS)) out[key] = SECRET_FIELD.test(key) ? '[masqué]' : sanitize(item, depth + 1);
    return out;
  }
  return null;
}
