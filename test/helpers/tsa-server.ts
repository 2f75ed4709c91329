import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { TimeStampReq } from 'pkijs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, withTempDir } from './exec';
import type { TestPki } from './test-pki';

export interface LoopbackTsa {
  url: string;
  /** Number of queries received so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export interface LoopbackTsaOptions {
  /**
   * `other-imprint`: answer a query for other data (a TSA mixing up requests);
   * `no-nonce`: answer a query with the same imprint but without the client's nonce.
   */
  tamper?: 'other-imprint' | 'no-nonce';
  /** `sha1` makes openssl bind its certificate with the older ESS signing-certificate (v1). Default sha256 (v2). */
  essCertIdAlg?: 'sha1' | 'sha256';
}

function tsaConfig(dir: string, pki: TestPki, essCertIdAlg: string): string {
  return `[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = ${dir}
serial = ${join(dir, 'serial')}
crypto_device = builtin
signer_cert = ${pki.tsa.certPath}
signer_key = ${pki.tsa.keyPath}
certs = ${pki.intermediate.certPath}
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
other_policies = 1.3.6.1.4.1.99999.2
digests = sha256, sha384, sha512
accuracy = secs:1, millisecs:0, microsecs:0
clock_precision_digits = 0
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = ${essCertIdAlg}
`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The hashed message of a TimeStampReq. */
async function imprintOf(queryPath: string): Promise<string> {
  const request = TimeStampReq.fromBER(await readFile(queryPath));
  return Buffer.from(request.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex');
}

async function tamperedQuery(dir: string, queryPath: string, tamper: LoopbackTsaOptions['tamper']): Promise<string> {
  if (!tamper) return queryPath;
  const out = join(dir, 'tampered.tsq');
  const args = tamper === 'other-imprint'
    ? ['-digest', randomBytes(32).toString('hex'), '-sha256', '-cert']
    : ['-digest', await imprintOf(queryPath), '-sha256', '-cert', '-no_nonce'];
  const made = await run('openssl', ['ts', '-query', ...args, '-out', out]);
  if (made.status !== 0) throw new Error(`openssl ts -query failed: ${made.stderr}`);
  return out;
}

async function reply(configPath: string, query: Buffer, tamper: LoopbackTsaOptions['tamper']): Promise<Buffer> {
  return withTempDir('tsa-req-', async (dir) => {
    const queryPath = join(dir, 'q.tsq');
    await writeFile(queryPath, query);
    const replyPath = join(dir, 'r.tsr');
    const answered = await run('openssl', [
      'ts', '-reply', '-config', configPath, '-queryfile', await tamperedQuery(dir, queryPath, tamper), '-out', replyPath,
    ]);
    if (answered.status !== 0) throw new Error(`openssl ts -reply failed: ${answered.stderr}`);
    return readFile(replyPath);
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`));
  });
}

function closer(server: Server, cleanup?: () => void): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        cleanup?.();
        resolve();
      });
    });
}

/** A real RFC 3161 TSA (`openssl ts -reply`) behind a few lines of HTTP on 127.0.0.1. */
export async function startLoopbackTsa(pki: TestPki, options: LoopbackTsaOptions = {}): Promise<LoopbackTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'loopback-tsa-'));
  writeFileSync(join(dir, 'serial'), '01\n');
  const configPath = join(dir, 'tsa.cnf');
  writeFileSync(configPath, tsaConfig(dir, pki, options.essCertIdAlg ?? 'sha256'));
  let requests = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    // One openssl at a time: they share the serial file.
    const answer = queue.then(async () => reply(configPath, await readBody(req), options.tamper));
    queue = answer.catch(() => undefined);
    answer.then(
      (body) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body),
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  const url = await listen(server);
  return { url, get requests() { return requests; }, close: closer(server, () => rmSync(dir, { recursive: true, force: true })) };
}

/** A TSA that never answers (`hang`), answers HTTP 500 (`error`) or 200 with bytes that are no TimeStampResp (`garbage`). */
export async function startDeadTsa(mode: 'hang' | 'error' | 'garbage' = 'hang'): Promise<LoopbackTsa> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    if (mode === 'error') res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    if (mode === 'garbage') res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end('<html>proxy login</html>');
  });
  const url = await listen(server);
  return { url, get requests() { return requests; }, close: closer(server) };
}

/**
 * `openssl ts -verify` of a TimeStampToken (DER ContentInfo) over `data` (the time-stamped bytes)
 * or `digest` (their hash), trusting `caFile`; `untrustedFile` holds intermediates.
 */
export async function opensslTsVerify(
  token: Buffer,
  input: { data: Buffer } | { digest: Buffer },
  caFile: string,
  untrustedFile?: string,
): Promise<{ ok: boolean; output: string }> {
  return withTempDir('ts-verify-', async (dir) => {
    const tokenPath = join(dir, 'token.der');
    await writeFile(tokenPath, token);
    const args = ['ts', '-verify', '-token_in', '-in', tokenPath, '-CAfile', caFile];
    if (untrustedFile) args.push('-untrusted', untrustedFile);
    if ('data' in input) {
      await writeFile(join(dir, 'data.bin'), input.data);
      args.push('-data', join(dir, 'data.bin'));
    } else {
      args.push('-digest', input.digest.toString('hex'));
    }
    const result = await run('openssl', args);
    const output = result.stdout + result.stderr;
    return { ok: result.status === 0 && /Verification: OK/.test(output), output };
  });
}
