import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { destination } from 'pino';
import type { AppConfig } from '../../config';
import type { ProcessRole } from '../process-role';
import { requestIdForLogger } from '../http/request-id';

/** Anything that could hold a credential is replaced before a line is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'authorization',
  '*.authorization',
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'key',
  '*.key',
  'privateKey',
  '*.privateKey',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'masterKey',
  '*.masterKey',
  'pin',
  '*.pin',
  '*.*.pin',
];

function logLevelFor(response: ServerResponse, error: Error | undefined): 'info' | 'warn' | 'error' {
  if (error || response.statusCode >= 500) return 'error';
  return response.statusCode >= 400 ? 'warn' : 'info';
}

/** JSON logs through pino: one line per request with its id; tenant id added by the auth guard. */
export function buildLoggerParams(config: AppConfig, role: ProcessRole): Params {
  return {
    pinoHttp: [{
      level: config.logLevel,
      base: { role, pid: process.pid },
      formatters: { level: (label: string) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: requestIdForLogger,
      customLogLevel: (_request, response, error) => logLevelFor(response, error),
      autoLogging: { ignore: (request: IncomingMessage) => (request.url ?? '').startsWith('/health') },
      serializers: {
        req: (request: { id: unknown; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          path: request.url.split('?')[0],
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
    },
    // Synchronous writes: the last lines before a signal-triggered exit are not lost.
    destination({ dest: 1, sync: true })],
    assignResponse: true,
  };
}
