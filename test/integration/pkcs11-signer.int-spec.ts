import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractSignatures, opensslCmsVerify } from '../helpers/cms';
import { createSoftHsmToken, importKeyAndCertificate, SOFTHSM_MODULE, type SoftHsmToken } from '../helpers/softhsm';
import { getTestPki, type TestPki } from '../helpers/test-pki';
import { NodeProcess } from '../support/node-process';
import { onePagePdf, pdfsigVerdict } from '../support/signing-folders';

const PIN = '470215';

interface Outcome {
  ok: boolean;
  algorithm?: { hash: string; scheme: string };
  signer?: string;
  code?: string;
  message?: string;
}

describe('PKCS#11 signer on a SoftHSM2 token: PAdES checked by pdfsig and openssl cms', () => {
  let pki: TestPki;
  let token: SoftHsmToken;
  let count = 0;

  /** Signs a one-page PDF in a child process (SoftHSM reads SOFTHSM2_CONF from the real environment). */
  async function signThroughToken(options: Record<string, unknown>): Promise<{ outcome: Outcome; pdf?: Buffer; output: string }> {
    count += 1;
    const input = join(token.dir, `in-${count}.pdf`);
    const output = join(token.dir, `out-${count}.pdf`);
    await writeFile(input, await onePagePdf(`Scellé par HSM ${count}`));
    const child = NodeProcess.start('test/helpers/softhsm-sign-script.ts', [JSON.stringify({ module: SOFTHSM_MODULE, input, output, options })], {
      ...process.env, ...token.env,
    });
    const code = await new Promise<number | null>((resolve) => child.child.once('exit', (exitCode) => resolve(exitCode)));
    if (code !== 0) throw new Error(`signing script exited ${code}:\n${child.text}`);
    const outcome = JSON.parse(child.text.trim().split('\n').pop() ?? '{}') as Outcome;
    return { outcome, pdf: outcome.ok ? await readFile(output) : undefined, output: child.text };
  }

  beforeAll(async () => {
    pki = await getTestPki();
    token = await createSoftHsmToken('parapheur-engine', PIN);
    await importKeyAndCertificate(token, pki.rsaSigner1, 'cachet-rsa', '01');
    await importKeyAndCertificate(token, pki.ecSigner, 'cachet-ec', '02');
  });
  afterAll(() => token?.remove());

  it('signs with an RSA key on the token (PKCS#1 v1.5, SHA-256): pdfsig valid and trusted, openssl cms -verify accepts', async () => {
    const chain = pki.rsaSigner1.chain.map((der) => der.toString('base64'));
    const { outcome, pdf } = await signThroughToken({ tokenLabel: token.label, pin: PIN, keyLabel: 'cachet-rsa', certificateChain: chain });
    expect(outcome).toMatchObject({ ok: true, algorithm: { hash: 'SHA-256', scheme: 'RSASSA-PKCS1-v1_5' } });
    const verdict = await pdfsigVerdict(pdf as Buffer, pki.root.certificatePem);
    expect(verdict).toHaveLength(1);
    expect(verdict[0]).toMatchObject({ valid: true, trusted: true, signerName: 'Alice Signataire', totalDocumentSigned: true });
    const cms = await opensslCmsVerify(pdf as Buffer, extractSignatures(pdf as Buffer)[0], pki.chainPath, { cades: true });
    expect(cms.stderr).toMatch(/Verification successful/);
    expect(cms.ok).toBe(true);
  });

  it('signs with an ECDSA P-256 key found by id, its certificate read from the token', async () => {
    const { outcome, pdf } = await signThroughToken({ tokenLabel: token.label, pin: PIN, keyId: '02' });
    expect(outcome).toMatchObject({ ok: true, algorithm: { hash: 'SHA-256', scheme: 'ECDSA' }, signer: pki.ecSigner.certificateDer.toString('base64') });
    const verdict = await pdfsigVerdict(pdf as Buffer, [pki.root.certificatePem, pki.intermediate.certificatePem]);
    expect(verdict[0]).toMatchObject({ valid: true, trusted: true, signerName: 'Chloé Signataire' });
    expect((await opensslCmsVerify(pdf as Buffer, extractSignatures(pdf as Buffer)[0], pki.chainPath, { cades: true })).ok).toBe(true);
  });

  it('refuses a wrong PIN with a clear reason; the PIN appears nowhere in the output', async () => {
    const wrongPin = '999111';
    const { outcome, output } = await signThroughToken({ tokenLabel: token.label, pin: wrongPin, keyLabel: 'cachet-rsa' });
    expect(outcome).toMatchObject({ ok: false, code: 'invalid_key', message: expect.stringMatching(/PIN .*incorrect/) });
    expect(output).not.toContain(wrongPin);
  });

  it('says which key is missing, and which token', async () => {
    expect((await signThroughToken({ tokenLabel: token.label, pin: PIN, keyLabel: 'absent' })).outcome)
      .toMatchObject({ ok: false, code: 'invalid_key', message: expect.stringMatching(/aucune clé privée .*« absent »/) });
    expect((await signThroughToken({ tokenLabel: 'autre', pin: PIN, keyLabel: 'cachet-rsa' })).outcome)
      .toMatchObject({ ok: false, message: expect.stringMatching(/aucun jeton PKCS#11 nommé « autre »/) });
  });
});
