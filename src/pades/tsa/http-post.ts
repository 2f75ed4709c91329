import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

const MAX_RESPONSE_BYTES = 1024 * 1024;

interface Exchange {
  method: 'GET' | 'POST';
  body?: Buffer;
  contentType?: string;
  timeoutMs: number;
  /** Largest accepted response body. Default 1 MB. */
  maxBytes?: number;
}

/** One HTTP(S) exchange: resolves with the 200 response body; rejects on any other status, on timeout, or past `maxBytes`. */
function exchange(url: string, options: Exchange): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? MAX_RESPONSE_BYTES;
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      reject(new Error(`protocole non pris en charge : ${target.protocol}`));
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = options.body ? { 'content-type': options.contentType ?? 'application/octet-stream', 'content-length': options.body.length } : {};
    const req = send(target, { method: options.method, headers }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) req.destroy(new Error(`réponse trop volumineuse (> ${Math.round(maxBytes / 1024)} Ko)`));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (res.statusCode === 200) resolve(Buffer.concat(chunks));
        else reject(new Error(`réponse HTTP ${res.statusCode}`));
      });
      res.on('error', reject);
    });
    // One deadline for the whole exchange, not per socket inactivity.
    const timer = setTimeout(() => req.destroy(new Error(`pas de réponse en ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POSTs `body` and resolves with the 200 response body; rejects on any other status, on timeout, or past 1 MB. */
export function postBinary(url: string, body: Buffer, contentType: string, timeoutMs: number): Promise<Buffer> {
  return exchange(url, { method: 'POST', body, contentType, timeoutMs });
}

/** GETs `url` (a CRL, a CA certificate) and resolves with the 200 response body; rejects otherwise, on timeout, or past `maxBytes`. */
export function getBinary(url: string, timeoutMs: number, maxBytes = 10 * MAX_RESPONSE_BYTES): Promise<Buffer> {
  return exchange(url, { method: 'GET', timeoutMs, maxBytes });
}
