/** A CRL distribution point on 127.0.0.1: GET /crl/<ca>.crl answers a fresh DER CRL from `openssl ca -gencrl`. */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, withTempDir } from './exec';
import { listenOnLoopback } from './ocsp-responder';
import type { OpensslCa } from './test-pki';

export interface LoopbackCrl {
  url(ca: string): string;
  readonly requests: number;
  serve(cas: OpensslCa[]): void;
  close(): Promise<void>;
}

async function generateCrl(ca: OpensslCa): Promise<Buffer> {
  return withTempDir('crl-', async (dir) => {
    const pem = join(dir, 'crl.pem');
    const der = join(dir, 'crl.der');
    const made = await run('openssl', ['ca', '-config', ca.configPath, '-gencrl', '-out', pem]);
    if (made.status !== 0) throw new Error(`openssl ca -gencrl failed: ${made.stderr}`);
    const converted = await run('openssl', ['crl', '-in', pem, '-outform', 'DER', '-out', der]);
    if (converted.status !== 0) throw new Error(`openssl crl failed: ${converted.stderr}`);
    return readFile(der);
  });
}

export async function startCrlServer(): Promise<LoopbackCrl> {
  const cas = new Map<string, OpensslCa>();
  let requests = 0;
  // One `openssl ca -gencrl` at a time per server: they share the crlnumber file.
  let queue: Promise<unknown> = Promise.resolve();
  const server: Server = createServer((req, res) => {
    const match = /^\/crl\/([^/]+)\.crl$/.exec(req.url ?? '');
    const ca = match && cas.get(match[1]);
    if (req.method !== 'GET' || !ca) {
      res.writeHead(404).end();
      return;
    }
    requests += 1;
    const crl = queue.then(() => generateCrl(ca));
    queue = crl.catch(() => undefined);
    crl.then(
      (body) => res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(body),
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  const { base, close } = await listenOnLoopback(server);
  return {
    url: (ca) => `${base}/crl/${ca}.crl`,
    get requests() {
      return requests;
    },
    serve: (list) => list.forEach((ca) => cas.set(ca.name, ca)),
    close,
  };
}
