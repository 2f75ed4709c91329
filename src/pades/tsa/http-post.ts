import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const MAX_RESPONSE_BYTES = 1024 * 1024;

/** POSTs `body` and resolves with the 200 response body; rejects on any other status, on timeout, or past 1 MB. */
export function postBinary(url: string, body: Buffer, contentType: string, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      reject(new Error(`protocole non pris en charge : ${target.protocol}`));
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'POST', headers: { 'content-type': contentType, 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) req.destroy(new Error('réponse trop volumineuse (> 1 Mo)'));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (res.statusCode === 200) resolve(Buffer.concat(chunks));
        else reject(new Error(`réponse HTTP ${res.statusCode}`));
      });
      res.on('error', reject);
    });
    // One deadline for the whole exchange, not per socket inactivity.
    const timer = setTimeout(() => req.destroy(new Error(`pas de réponse en ${timeoutMs} ms`)), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(body);
  });
}
