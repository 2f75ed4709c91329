/**
 * The `parapheur` CLI as users run it: bin/parapheur.js over the compiled JavaScript, spawned
 * as a process. The CLI and the engine are compiled into test/.tmp/cli-build (same layout as
 * the repository: bin/ next to dist/), so the test never races `npm run build`.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toPkcs12 } from '../../src/pki';
import { getFixture } from '../fixtures';
import { run, type ExecResult } from '../helpers/exec';
import { getTestPki, type TestPki } from '../helpers/test-pki';
import { startDeadTsa } from '../helpers/tsa-server';

const ROOT = join(__dirname, '..', '..');
const BUILD = join(ROOT, 'test', '.tmp', `cli-build-${process.pid}`);
const BIN = join(BUILD, 'bin', 'parapheur.js');
const TSC_OPTIONS = ['--module', 'commonjs', '--target', 'ES2022', '--esModuleInterop', '--skipLibCheck', '--strict', '--types', 'node', '--rootDir', join(ROOT, 'src')];

let pki: TestPki;
let dir: string;
let input: string;

async function build(): Promise<void> {
  await mkdir(join(BUILD, 'bin'), { recursive: true });
  const compiled = await run(process.execPath, [require.resolve('typescript/bin/tsc'), ...TSC_OPTIONS, '--outDir', join(BUILD, 'dist'), join(ROOT, 'src/cli/parapheur/main.ts')]);
  if (!existsSync(join(BUILD, 'dist', 'cli', 'parapheur', 'main.js'))) throw new Error(`tsc failed: ${compiled.stdout}${compiled.stderr}`);
  await copyFile(join(ROOT, 'bin', 'parapheur.js'), BIN);
}

function cli(args: string[], env: Record<string, string> = {}): Promise<ExecResult> {
  return run('env', [...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, BIN, ...args]);
}

beforeAll(async () => {
  pki = await getTestPki();
  // test/.tmp is git-ignored, so a fresh clone does not have it yet.
  await mkdir(join(ROOT, 'test', '.tmp'), { recursive: true });
  dir = await mkdtemp(join(ROOT, 'test', '.tmp', 'cli-'));
  input = (await getFixture('classic-xref')).path;
  const signer = pki.rsaSigner1;
  await Promise.all([
    build(),
    writeFile(join(dir, 'alice.p12'), toPkcs12(signer.privateKeyPem, signer.certificateDer, signer.chain, 's3cret')),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([BUILD, dir].filter(Boolean).map((d) => rm(d, { recursive: true, force: true })));
});

describe('parapheur CLI', () => {
  it('prints help with the exit codes', async () => {
    const result = await cli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Exit status:[\s\S]*3 {2}input refused/);
  });

  it('signs with a PKCS#12 and a visible stamp, then verify --json says valid (exit 0)', async () => {
    const out = join(dir, 'signed.pdf');
    const signed = await cli(['sign', '--in', input, '--out', out, '--p12', join(dir, 'alice.p12'), '--password-env', 'P12_PASSWORD', '--auto-stamp', '--title', 'Maire', '--reason', 'Approuvé'], { P12_PASSWORD: 's3cret' });
    expect(signed).toMatchObject({ status: 0, stderr: '' });
    const [original, output] = await Promise.all([readFile(input), readFile(out)]);
    expect(output.subarray(0, original.length).equals(original)).toBe(true);
    const verified = await cli(['verify', out, '--trust', pki.root.certPath, '--json']);
    expect(verified.status).toBe(0);
    const report = JSON.parse(verified.stdout) as { valid: boolean; signatures: Array<{ signerName: string; level: string; valid: boolean }> };
    expect(report.signatures.map((s) => [s.signerName, s.level, s.valid])).toEqual([['Alice Signataire', 'B-B', true]]);
  });

  it('signs with a PEM key, certificate and chain; verify exits 1 on an untrusted root', async () => {
    const out = join(dir, 'pem.pdf');
    const signer = pki.ecSigner;
    const signed = await cli(['sign', '--in', input, '--out', out, '--key', signer.keyPath, '--cert', signer.certPath, '--chain', pki.chainPath, '--name', 'C. Signataire']);
    expect(signed.status).toBe(0);
    expect((await cli(['verify', out, '--trust', pki.root.certPath])).status).toBe(0);
    const untrusted = await cli(['verify', out, '--trust', pki.otherRoot.certPath]);
    expect(untrusted.status).toBe(1);
    expect(untrusted.stdout).toMatch(/INVALID[\s\S]*certificate not trusted/);
  });

  it('exits 2 on a usage error and says what to fix', async () => {
    const result = await cli(['sign', '--in', input, '--p12', join(dir, 'alice.p12')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--out is required/);
  });

  it('exits 3 with the error code on a refused input, writing nothing', async () => {
    const out = join(dir, 'refused.pdf');
    const encrypted = (await getFixture('encrypted-aes256')).path;
    const result = await cli(['sign', '--in', encrypted, '--out', out, '--p12', join(dir, 'alice.p12'), '--password-env', 'P12_PASSWORD'], { P12_PASSWORD: 's3cret' });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/encrypted/);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 4 when B-T is asked and the TSA is dead, writing nothing', async () => {
    const tsa = await startDeadTsa('error');
    try {
      const out = join(dir, 'bt.pdf');
      const args = ['sign', '--in', input, '--out', out, '--p12', join(dir, 'alice.p12'), '--password-env', 'P12_PASSWORD', '--level', 'B-T', '--tsa', tsa.url];
      const result = await cli(args, { P12_PASSWORD: 's3cret' });
      expect(result.status).toBe(4);
      expect(result.stderr).toMatch(/tsa_unavailable/);
      expect(existsSync(out)).toBe(false);
    } finally {
      await tsa.close();
    }
  });

  it('exits 5 on a wrong password', async () => {
    const result = await cli(['sign', '--in', input, '--out', join(dir, 'x.pdf'), '--p12', join(dir, 'alice.p12'), '--password-env', 'P12_PASSWORD'], { P12_PASSWORD: 'wrong' });
    expect(result.status).toBe(5);
    expect(result.stderr).toMatch(/invalid_key/);
  });
});
