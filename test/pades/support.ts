/** Shared pieces of the PAdES engine's integration tests: signers, tool checks, token extraction. */
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { Attribute, ContentInfo, SignedData } from 'pkijs';
import { completeSignature, createSoftwareSigner, prepareSignature, type SignOptions, type Signer } from '../../src/pades';
import { extractSignatures, opensslCmsVerify, type ExtractedSignature } from '../helpers/cms';
import { run } from '../helpers/exec';
import { parsePdfsigOutput, type PdfsigSignature } from '../helpers/pdfsig';
import type { TestPki, TestPkiEntity } from '../helpers/test-pki';

const TIMESTAMP_TOKEN_OID = '1.2.840.113549.1.9.16.2.14';

/** A software signer for a test PKI entity (RSA or EC, chain without the root). */
export function softwareSigner(entity: TestPkiEntity): Signer {
  return createSoftwareSigner({ privateKeyPem: entity.privateKeyPem, certificateChain: entity.chain });
}

/**
 * Two-phase signing as a browser would do it: prepare, JSON round trip of the state (as if it
 * went to a database and back), sign `dataToSign` elsewhere with the key, complete.
 */
export async function signTwoPhase(input: Buffer, entity: TestPkiEntity, options: SignOptions): Promise<Buffer> {
  const { dataToSign, state } = prepareSignature(input, {
    ...options,
    certificateChain: entity.chain,
    algorithm: { hash: 'SHA-256', scheme: 'RSASSA-PKCS1-v1_5' },
  });
  const stored = JSON.parse(JSON.stringify({ dataToSign: dataToSign.toString('base64'), state })) as { dataToSign: string; state: typeof state };
  const signatureValue = nodeSign('sha256', Buffer.from(stored.dataToSign, 'base64'), createPrivateKey(entity.privateKeyPem));
  return completeSignature(stored.state, signatureValue);
}

/** The first bytes of `output` are exactly `input`: the signature was an incremental update. */
export function startsWith(output: Buffer, input: Buffer): boolean {
  return output.length > input.length && output.subarray(0, input.length).equals(input);
}

/** The signature value and the signature time-stamp token (if any) of a CMS SignedData. */
export function signatureParts(cms: Buffer): { signatureValue: Buffer; timeStampToken?: Buffer } {
  const contentInfo = new ContentInfo({ schema: asn1js.fromBER(cms).result });
  const signed = new SignedData({ schema: contentInfo.content });
  const signerInfo = signed.signerInfos[0];
  const signatureValue = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  const attribute = signerInfo.unsignedAttrs?.attributes.find((a: Attribute) => a.type === TIMESTAMP_TOKEN_OID);
  const token = attribute?.values[0];
  return { signatureValue, timeStampToken: token ? Buffer.from(token.toBER(false)) : undefined };
}

/**
 * pdfsig with the NSS database, OCSP left on: poppler 22.12 reports "Unknown issue with
 * Certificate" for every certificate when given -no-ocsp (the test certificates carry no AIA,
 * so nothing is fetched). pdfsig exits 0 even on a digest mismatch: only the parsed blocks count.
 */
async function runPdfsig(path: string, nssDir: string): Promise<PdfsigSignature[]> {
  const result = await run('pdfsig', ['-nssdir', `sql:${nssDir}`, path]);
  const blocks = parsePdfsigOutput(result.stdout);
  if (blocks.length === 0) throw new Error(`pdfsig found no signature (${result.status}): ${result.stderr || result.stdout}`);
  return blocks;
}

/** What the independent validators said about one signed file. */
export interface ToolVerdict {
  pdfsig: PdfsigSignature[];
  qpdfOk: boolean;
  qpdfOutput: string;
  signatures: ExtractedSignature[];
  cms: Array<{ ok: boolean; stderr: string }>;
}

/** Runs pdfsig, qpdf --check and openssl cms -verify (for every signature) on `pdf`, in parallel. */
export async function runValidators(pdf: Buffer, dir: string, name: string, pki: TestPki, nssDir: string): Promise<ToolVerdict> {
  const path = join(dir, `${name}.pdf`);
  await writeFile(path, pdf);
  const signatures = extractSignatures(pdf);
  const [pdfsig, qpdf, ...cms] = await Promise.all([
    runPdfsig(path, nssDir),
    run('qpdf', ['--check', path]),
    ...signatures.map((s) => opensslCmsVerify(pdf, s, pki.allRootsPath)),
  ]);
  return { pdfsig, qpdfOk: qpdf.status === 0, qpdfOutput: qpdf.stdout + qpdf.stderr, signatures, cms };
}

/** One line per problem of a pdfsig block, for readable failures. */
export function pdfsigProblems(blocks: PdfsigSignature[], expectTrusted: boolean[]): string[] {
  return blocks.flatMap((b, i) => {
    const problems: string[] = [];
    if (!b.valid) problems.push(`pdfsig #${b.index}: ${b.signatureValidation}`);
    if (expectTrusted[i] && !b.trusted) problems.push(`pdfsig #${b.index}: ${b.certificateValidation}`);
    return problems;
  });
}
