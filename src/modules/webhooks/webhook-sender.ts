import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isForbiddenAddress } from './webhook-target';

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
}

export interface WebhookResponse {
  statusCode: number | null;
  durationMs: number;
  /** Why no answer came (never the URL or a secret). */
  error: string | null;
}

/** One POST; redirects are not followed (a 3xx is a failure), the answer body is drained and ignored. */
export function postWebhook(post: WebhookPost): Promise<WebhookResponse> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const url = new URL(post.url);
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  // Node skips `lookup` for IP literals: check them here.
  if (!post.allowPrivate && isIP(literal) !== 0 && isForbiddenAddress(literal)) {
    return Promise.resolve({ statusCode: null, durationMs: 0, error: describeNetworkError({ name: 'Error', message: '', code: 'EWEBHOOKTARGET' }) });
  }
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
      lookup: guardedLookup(post.allowPrivate),
    }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve({ statusCode: res.statusCode ?? null, durationMs: elapsed(), error: null }));
      res.on('error', () => resolve({ statusCode: res.statusCode ?? null, durationMs: elapsed(), error: null }));
    });
    // A deadline for the whole exchange, not only an idle socket: a server dripping bytes cannot hold the worker.
    const deadline = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${post.timeoutMs} ms`), { code: 'ETIMEDOUT' })), post.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ statusCode: null, durationMs: elapsed(), error: describeNetworkError(error) }));
    req.end(post.body);
  });
}

function describeNetworkError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'ERROR';
  if (code === 'EWEBHOOKTARGET') return 'refused: the target resolves to a private or reserved address';
  if (code === 'ETIMEDOUT') return error.message;
  return `network error (${code})`;
}
