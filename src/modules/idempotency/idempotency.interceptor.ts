import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, type Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { HANDLES_OWN_IDEMPOTENCY } from './idempotency.decorators';
import { IdempotencyError, IdempotencyErrorCode } from './idempotency.errors';
import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_RULE, idempotencyCaller, sha256Hex } from './idempotency-key';
import { IdempotencyRecords, type Reservation } from './idempotency-records';

/** Response properties that carry a secret shown once: such an answer is never stored. */
const SECRET_PROPERTIES = new Set(['secret', 'key', 'token', 'password', 'privateKey', 'otpauthUri']);

/**
 * `Idempotency-Key` on every authenticated POST. The first request reserves the key (per caller),
 * runs, and its JSON answer is kept 24 h: the same key with the same request gets that answer again
 * (status and body, with `Idempotent-Replayed: true`); with another request, 422; while the first
 * still runs, 409. A request that fails releases its key so that it can be sent again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly records: IdempotencyRecords,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.header('idempotency-key');
    if (request.method !== 'POST' || header === undefined || !request.auth) return next.handle();
    if (this.reflector.get<boolean>(HANDLES_OWN_IDEMPOTENCY, context.getHandler())) return next.handle();
    if (!IDEMPOTENCY_KEY_PATTERN.test(header)) throw new IdempotencyError(IdempotencyErrorCode.KeyInvalid, IDEMPOTENCY_KEY_RULE);

    const response = context.switchToHttp().getResponse<Response>();
    const scope = { tenantId: request.auth.tenantId, caller: idempotencyCaller(request.auth), keyHash: sha256Hex(header) };
    const fingerprint = sha256Hex(request.method, request.originalUrl, JSON.stringify(request.body ?? null));
    const reservation = await this.records.reserve(scope, fingerprint);
    if (reservation.kind !== 'reserved') return of(this.answerExisting(reservation, header, response));

    return next.handle().pipe(
      mergeMap((body) => from(this.complete(reservation.id, response, body).then(() => body))),
      catchError((error: unknown) => from(this.records.release(reservation.id).then(() => { throw error; }))),
    );
  }

  private answerExisting(reservation: Exclude<Reservation, { kind: 'reserved' }>, header: string, response: Response): unknown {
    switch (reservation.kind) {
      case 'other-request':
        throw new IdempotencyError(IdempotencyErrorCode.KeyReused, `L’Idempotency-Key « ${header} » a déjà servi pour une autre requête : utilisez une nouvelle clé pour une nouvelle opération.`);
      case 'in-progress':
        response.setHeader('Retry-After', '1');
        throw new IdempotencyError(IdempotencyErrorCode.InProgress, `Une requête avec l’Idempotency-Key « ${header} » est encore en cours : attendez sa réponse, puis renvoyez-la si besoin.`);
      case 'completed': {
        if (reservation.answer === null) {
          throw new IdempotencyError(IdempotencyErrorCode.SecretShownOnce, `La requête avec l’Idempotency-Key « ${header} » a déjà été traitée ; sa réponse contenait un secret qui n’est montré qu’une fois et n’a pas été conservé.`);
        }
        response.status(reservation.status);
        response.setHeader('Idempotent-Replayed', 'true');
        if (reservation.location) response.setHeader('Location', reservation.location);
        return reservation.answer.value;
      }
    }
  }

  private async complete(id: string, response: Response, body: unknown): Promise<void> {
    const location = response.getHeader('location');
    try {
      await this.records.complete(id, {
        status: response.statusCode,
        answer: Buffer.isBuffer(body) || hasSecret(body) ? null : body === undefined ? {} : { value: body },
        location: typeof location === 'string' ? location.slice(0, 500) : null,
      });
    } catch (error) {
      // The operation itself succeeded: answer it; a replay will then find the key in progress (409).
      this.logger.warn({ err: error, id }, 'Idempotency record not completed');
    }
  }
}

function hasSecret(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.keys(body).some((name) => SECRET_PROPERTIES.has(name));
}
