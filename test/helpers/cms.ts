import { writeFile } from 'node:fs/promises';
import { fromBER } from 'asn1js';
import { join } from 'node:path';
import { run, withTempDir, type ExecResult } from './exec';

export interface ExtractedSignature {
  byteRange: [number, number, number, number];
  /** The CMS (DER, or BER from some tools), without the zero padding of the placeholder. */
  contents: Buffer;
}

/** Length of the (DER or BER, possibly indefinite-length) element at the start of `bytes`. */
export function berElementLength(bytes: Buffer): number {
  const parsed = fromBER(bytes);
  if (parsed.offset === -1) throw new Error(`not BER: ${parsed.result.error}`);
  return parsed.offset;
}

/**
 * Every signature of a PDF: the `/ByteRange` arrays, and the hex string that sits in the gap
 * between the two ranges (that is where `/Contents` must be, whatever the dictionary order).
 */
export function extractSignatures(pdf: Buffer): ExtractedSignature[] {
  const text = pdf.toString('latin1');
  const found: ExtractedSignature[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const byteRange = match.slice(1, 5).map(Number) as ExtractedSignature['byteRange'];
    const key = byteRange.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const gap = text.slice(byteRange[0] + byteRange[1], byteRange[2]);
    const hex = /^<([0-9a-fA-F\s]*)>$/.exec(gap);
    if (!hex) throw new Error(`no /Contents hex string between the byte ranges ${key}`);
    const padded = Buffer.from(hex[1].replace(/\s/g, ''), 'hex');
    found.push({ byteRange, contents: padded.subarray(0, berElementLength(padded)) });
  }
  return found;
}

/** The bytes a signature covers: its two ranges concatenated. */
export function signedBytes(pdf: Buffer, byteRange: ExtractedSignature['byteRange']): Buffer {
  const [a, b, c, d] = byteRange;
  return Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
}

export interface OpensslCmsVerifyOptions {
  /** Also require and check the ESS signing-certificate(-v2) attribute (`-cades`): true for our PAdES signatures. */
  cades?: boolean;
}

/** `openssl cms -verify` of a detached CMS over `content`, trusting `caFile`. */
export async function opensslCmsVerifyDetached(
  cms: Buffer,
  content: Buffer,
  caFile: string,
  options: OpensslCmsVerifyOptions = {},
): Promise<{ ok: boolean; stderr: string }> {
  return withTempDir('cms-verify-', async (dir) => {
    await writeFile(join(dir, 'sig.der'), cms);
    await writeFile(join(dir, 'data.bin'), content);
    const result: ExecResult = await run('openssl', [
      'cms', '-verify', ...(options.cades ? ['-cades'] : []), '-binary', '-inform', 'DER', '-in', join(dir, 'sig.der'),
      '-content', join(dir, 'data.bin'), '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null',
    ]);
    return { ok: result.status === 0 && /(CMS|CAdES) Verification successful/.test(result.stderr), stderr: result.stderr };
  });
}

/** `openssl cms -verify` of one PDF signature over its byte ranges. */
export function opensslCmsVerify(
  pdf: Buffer,
  sig: ExtractedSignature,
  caFile: string,
  options: OpensslCmsVerifyOptions = {},
): Promise<{ ok: boolean; stderr: string }> {
  return opensslCmsVerifyDetached(sig.contents, signedBytes(pdf, sig.byteRange), caFile, options);
}

/** `openssl cms -cmsout -print` of a DER CMS, for asserting on its structure. */
export async function opensslCmsPrint(cms: Buffer): Promise<string> {
  const result = await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-noout'], { input: cms });
  if (result.status !== 0) throw new Error(`openssl cms -print failed: ${result.stderr}`);
  return result.stdout;
}
