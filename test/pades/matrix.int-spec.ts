/**
 * The signing matrix: every accepted input signed three times in a row by three different
 * certificates (RSA software B-B with an auto-placed stamp, RSA two-phase B-T through a JSON
 * state, ECDSA P-256 B-B), then judged by validators that are not ours: pdfsig (NSS trusting
 * the test root), qpdf --check, openssl cms -verify per signature, openssl ts -verify for the
 * time-stamp token, and our verifyPdf. Refused inputs give the typed error and stay untouched.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PadesError, signPdf, verifyPdf, type SignOptions } from '../../src/pades';
import { REFUSE_RECIPES, SIGN_RECIPES } from '../fixtures/generate';
import { getFixture, type Fixture } from '../fixtures';
import { createNssDb } from '../helpers/pdfsig';
import { getTestPki, type TestPki } from '../helpers/test-pki';
import { opensslTsVerify, startLoopbackTsa, type LoopbackTsa } from '../helpers/tsa-server';
import { pdfsigProblems, runValidators, signTwoPhase, signatureParts, softwareSigner, startsWith } from './support';

const SIGN_IDS = [...SIGN_RECIPES.map((r) => r.id), 'large-50mb'];
const REFUSE_IDS = REFUSE_RECIPES.map((r) => r.id);
const MAIRE = 'Signature_Maire';

let pki: TestPki;
let tsa: LoopbackTsa;
let nssDir: string;
let workDir: string;

beforeAll(async () => {
  pki = await getTestPki();
  [tsa, nssDir, workDir] = await Promise.all([
    startLoopbackTsa(pki),
    createNssDb([pki.root.certificatePem]),
    mkdtemp(join(tmpdir(), 'pades-matrix-')),
  ]);
}, 120_000);

afterAll(async () => {
  await tsa?.close();
  await Promise.all([nssDir, workDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Signer 1: a visible stamp, in the pre-placed field when the file has one, else auto-placed. */
function firstOptions(fixture: Fixture): SignOptions {
  const stamp = { placement: { kind: 'auto' as const }, signerName: '', title: 'Maire' };
  if (fixture.fields?.some((f) => f.name === MAIRE)) return { fieldName: MAIRE, reason: 'Approuvé', stamp };
  return { reason: 'Approuvé', location: 'Mairie', stamp };
}

/** Signer 3: on the tag when the file has one, else invisible. */
function thirdOptions(fixture: Fixture): SignOptions {
  const tag = fixture.tags && Object.keys(fixture.tags).find((t) => t === '#signature1#');
  return tag ? { stamp: { placement: { kind: 'tag', tag }, signerName: '', title: 'DGS' } } : { reason: 'Vu' };
}

async function signThreeTimes(input: Buffer, fixture: Fixture): Promise<{ outputs: Buffer[]; problems: string[] }> {
  const problems: string[] = [];
  const step = (name: string, before: Buffer, after: Buffer): Buffer => {
    if (!startsWith(after, before)) problems.push(`${name}: the output does not start with its input bytes`);
    return after;
  };
  const first = step('signer 1 (RSA)', input, await signPdf(input, softwareSigner(pki.rsaSigner1), firstOptions(fixture)));
  const bt = { level: 'B-T' as const, tsa: { urls: [tsa.url] }, reason: 'Visé' };
  const second = step('signer 2 (RSA two-phase B-T)', first, await signTwoPhase(first, pki.rsaSigner2, bt));
  const third = step('signer 3 (ECDSA)', second, await signPdf(second, softwareSigner(pki.ecSigner), thirdOptions(fixture)));
  return { outputs: [first, second, third], problems };
}

async function timestampProblems(cms: Buffer): Promise<string[]> {
  const { signatureValue, timeStampToken } = signatureParts(cms);
  if (!timeStampToken) return ['signature 2 has no signature time-stamp token'];
  const verdict = await opensslTsVerify(timeStampToken, { data: signatureValue }, pki.root.certPath, pki.chainPath);
  return verdict.ok ? [] : [`openssl ts -verify: ${verdict.output.trim()}`];
}

async function verifyProblems(pdf: Buffer): Promise<string[]> {
  const report = await verifyPdf(pdf, { trustAnchors: [pki.root.certificateDer] });
  const levels = report.signatures.map((s) => s.level).join(',');
  const problems = report.signatures.flatMap((s) => s.problems.map((p) => `verifyPdf ${s.field}: ${p}`));
  if (report.signatures.length !== 3 || !report.valid) problems.push(`verifyPdf: ${report.signatures.length} signature(s), valid=${report.valid}`);
  if (levels !== 'B-B,B-T,B-B') problems.push(`verifyPdf levels ${levels}, expected B-B,B-T,B-B`);
  return problems;
}

describe('PAdES matrix: three different signers on every accepted input', () => {
  it.each(SIGN_IDS)('%s: RSA stamp → RSA two-phase B-T → ECDSA, all validators agree', async (id) => {
    const fixture = await getFixture(id);
    const input = await readFile(fixture.path);
    const { outputs, problems } = await signThreeTimes(input, fixture);
    const last = outputs[2];
    const tools = await runValidators(last, workDir, id, pki, nssDir);
    if (tools.pdfsig.length !== 3) problems.push(`pdfsig found ${tools.pdfsig.length} signatures, expected 3`);
    problems.push(...pdfsigProblems(tools.pdfsig, [true, true, true]));
    if (!tools.qpdfOk) problems.push(`qpdf --check: ${tools.qpdfOutput.trim()}`);
    if (tools.signatures.length !== 3) problems.push(`${tools.signatures.length} CMS extracted, expected 3`);
    tools.cms.forEach((c, i) => c.ok || problems.push(`openssl cms -verify #${i + 1}: ${c.stderr.trim()}`));
    if (tools.signatures[1]) problems.push(...(await timestampProblems(tools.signatures[1].contents)));
    problems.push(...(await verifyProblems(last)));
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('PAdES matrix: refused inputs', () => {
  it.each(REFUSE_IDS)('%s: typed PadesError, input untouched', async (id) => {
    const fixture = await getFixture(id);
    const input = await readFile(fixture.path);
    const digest = createHash('sha256').update(input).digest('hex');
    const error = await signPdf(input, softwareSigner(pki.rsaSigner1), {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PadesError);
    expect((error as PadesError).code).toBe(fixture.refusal);
    expect(createHash('sha256').update(input).digest('hex')).toBe(digest);
    expect(createHash('sha256').update(await readFile(fixture.path)).digest('hex')).toBe(digest);
  });
});
