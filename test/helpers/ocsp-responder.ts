/** A real OCSP responder on 127.0.0.1: each request is answered by `openssl ocsp -index` over the CA's live index. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, withTempDir } from './exec';
import type { OpensslCa } from './test-pki';

export interface LoopbackOcsp {
  /** The responder URL for a CA name (`/ocsp/<name>`): put it in certificates' AIA. */
  url(ca: string): string;
  /** Requests answered so far. */
  readonly requests: number;
  /** Register the CAs the responder answers for (certificates name it before the CAs exist). */
  serve(cas: OpensslCa[]): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function answer(ca: OpensslCa, request: Buffer): Promise<Buffer> {
  return withTempDir('ocsp-req-', async (dir) => {
    const reqPath = join(dir, 'req.der');
    const respPath = join(dir, 'resp.der');
    await writeFile(reqPath, request);
    const result = await run('openssl', [
      'ocsp', '-index', join(ca.dir, 'index.txt'), '-CA', ca.certPath, '-rsigner', ca.certPath, '-rkey', ca.keyPath,
      '-reqin', reqPath, '-respout', respPath, '-ndays', '1',
    ]);
    if (result.status !== 0) throw new Error(`openssl ocsp failed: ${result.stderr}`);
    return readFile(respPath);
  });
}

/** The DER request of a POST, or of a GET `/ocsp/<ca>/<base64>` (RFC 6960 appendix A). */
async function requestOf(req: IncomingMessage, rest: string): Promise<Buffer> {
  if (req.method === 'POST') return readBody(req);
  return Buffer.from(decodeURIComponent(rest), 'base64');
}

/** Listens on 127.0.0.1 (any free port): the base URL and a close that also drops kept-alive sockets. */
export async function listenOnLoopback(server: Server): Promise<{ base: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startOcspResponder(): Promise<LoopbackOcsp> {
  const cas = new Map<string, OpensslCa>();
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const match = /^\/ocsp\/([^/]+)\/?(.*)$/.exec(req.url ?? '');
    const ca = match && cas.get(match[1]);
    if (!match || !ca) {
      res.writeHead(404).end();
      return;
    }
    requests += 1;
    requestOf(req, match[2])
      .then((request) => answer(ca, request))
      .then(
        (body) => res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(body),
        (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
      );
  });
  const { base, close } = await listenOnLoopback(server);
  return {
    url: (ca) => `${base}/ocsp/${ca}`,
    get requests() {
      return requests;
    },
    serve: (list) => list.forEach((ca) => cas.set(ca.name, ca)),
    close,
  };
}
