import { mkdtemp, writeFile } from 'node:fs/promises';
import { toPkcs12 } from '../../src/pki';
import type { PkiEntity } from '../../src/pki';
import { join } from 'node:path';
import { run } from './exec';
import { processScratchDir } from './scratch';

export interface PdfsigSignature {
  /** 1-based, as pdfsig numbers them. */
  index: number;
  fieldName?: string;
  signerName?: string;
  signerDn?: string;
  signingTime?: string;
  hashAlgorithm?: string;
  signatureType?: string;
  signedRanges?: string;
  /** "Total document signed" was printed (rather than "Not total document signed"). */
  totalDocumentSigned: boolean;
  signatureValidation?: string;
  certificateValidation?: string;
  /** signatureValidation is exactly "Signature is Valid.". */
  valid: boolean;
  /** certificateValidation is exactly "Certificate is Trusted.". */
  trusted: boolean;
  /** The block as printed, for failure messages. */
  raw: string;
}

/** A new NSS database (empty password) trusting the given root certificates. Returns its directory. */
export async function createNssDb(rootPems: string[]): Promise<string> {
  const dir = await mkdtemp(join(processScratchDir(), 'nssdb-'));
  const created = await run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  if (created.status !== 0) throw new Error(`certutil -N failed: ${created.stderr}`);
  for (const [i, pem] of rootPems.entries()) {
    const file = join(dir, `root-${i}.pem`);
    await writeFile(file, pem);
    const added = await run('certutil', ['-A', '-d', `sql:${dir}`, '-n', `Test Root ${i}`, '-t', 'CT,C,C', '-a', '-i', file]);
    if (added.status !== 0) throw new Error(`certutil -A failed: ${added.stderr}`);
  }
  return dir;
}

const FIELDS: Record<string, keyof PdfsigSignature> = {
  'Signature Field Name': 'fieldName',
  'Signer Certificate Common Name': 'signerName',
  'Signer full Distinguished Name': 'signerDn',
  'Signing Time': 'signingTime',
  'Signing Hash Algorithm': 'hashAlgorithm',
  'Signature Type': 'signatureType',
  'Signed Ranges': 'signedRanges',
  'Signature Validation': 'signatureValidation',
  'Certificate Validation': 'certificateValidation',
};

function parseBlock(index: number, block: string): PdfsigSignature {
  const values: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const match = /^\s*- ([^:]+): (.*)$/.exec(line);
    const key = match ? FIELDS[match[1].trim()] : undefined;
    if (match && key) values[key] = match[2].trim();
  }
  return {
    index,
    ...values,
    totalDocumentSigned: /^\s*- Total document signed\s*$/m.test(block),
    valid: values.signatureValidation === 'Signature is Valid.',
    trusted: values.certificateValidation === 'Certificate is Trusted.',
    raw: block,
  };
}

/** Parses pdfsig's output into one entry per `Signature #n` block. */
export function parsePdfsigOutput(stdout: string): PdfsigSignature[] {
  const parts = stdout.split(/^Signature #(\d+):\s*$/m);
  const signatures: PdfsigSignature[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) signatures.push(parseBlock(Number(parts[i]), parts[i + 1]));
  return signatures;
}

/**
 * Runs pdfsig with the NSS database. pdfsig exits 0 even on a digest mismatch, so only the
 * parsed lines count; a file it cannot read at all throws.
 *
 * OCSP stays on by default: poppler 22.12 with `-no-ocsp` reports every certificate as
 * "Unknown issue with Certificate or corrupted data" (measured), and the test certificates
 * carry no AIA URL, so nothing is fetched anyway.
 */
export async function runPdfsig(pdfPath: string, nssDir: string, options: { noOcsp?: boolean } = {}): Promise<PdfsigSignature[]> {
  const args = ['-nssdir', `sql:${nssDir}`, ...(options.noOcsp ? ['-no-ocsp'] : []), pdfPath];
  const result = await run('pdfsig', args);
  const signatures = parsePdfsigOutput(result.stdout);
  if (signatures.length === 0 && !/does not contain any signatures/.test(result.stdout + result.stderr)) {
    throw new Error(`pdfsig failed (${result.status}): ${result.stderr || result.stdout}`);
  }
  return signatures;
}

/**
 * Signs `input` into `output` with pdfsig itself (NSS: adbe.pkcs7.detached, indefinite-length
 * BER CMS with signing-certificate-v2 and no signing-time): a signature made by a tool that is
 * not ours. Returns the NSS database used, which trusts `rootPems` and holds the signer's key.
 */
export async function signWithPdfsig(input: string, output: string, signer: PkiEntity, rootPems: string[]): Promise<string> {
  const nssDir = await createNssDb(rootPems);
  const p12 = join(nssDir, 'signer.p12');
  await writeFile(p12, toPkcs12(signer.privateKeyPem, signer.certificateDer, signer.chain, 'pw', { friendlyName: 'signer' }));
  const imported = await run('pk12util', ['-i', p12, '-d', `sql:${nssDir}`, '-W', 'pw']);
  if (imported.status !== 0) throw new Error(`pk12util failed: ${imported.stderr}`);
  const signed = await run('pdfsig', ['-nssdir', `sql:${nssDir}`, '-add-signature', '-nick', 'signer', input, output]);
  if (signed.status !== 0) throw new Error(`pdfsig -add-signature failed: ${signed.stderr}`);
  return nssDir;
}
