import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's x-request-id when it is sane, else makes one; echoed in the response either way. */
export function resolveRequestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** First middleware: gives every request its id, even those refused before Nest's own middleware runs. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  (request as IncomingMessage & { id?: string }).id = resolveRequestId(request, response);
  next();
}

/** pino-http's genReqId: reuses the id given by assignRequestId. */
export function requestIdForLogger(request: IncomingMessage, response: ServerResponse): string {
  const id = (request as IncomingMessage & { id?: unknown }).id;
  return typeof id === 'string' ? id : resolveRequestId(request, response);
}

/** The id pino-http stored on the request (the correlation id of problems and log lines). */
export function requestIdOf(request: IncomingMessage): string {
  const id = (request as IncomingMessage & { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : 'unknown';
}
