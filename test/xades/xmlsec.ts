import { createSign } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOMParser, type Element, MIME_TYPE } from '@xmldom/xmldom';
import { certificateFromPem } from '../../src/pki';
import type { XadesSigner } from '../../src/xades';
import { run, withTempDir } from '../helpers/exec';
import type { TestPki, TestPkiEntity } from '../helpers/test-pki';

export const DS = 'http://www.w3.org/2000/09/xmldsig#';
export const XAD = 'http://uri.etsi.org/01903/v1.1.1#';

/** A software signer for signPes from a test PKI entity. */
export function signerOf(entity: TestPkiEntity): XadesSigner {
  return {
    certificate: certificateFromPem(entity.certificatePem),
    sign: async (data) => createSign('RSA-SHA256').update(data).sign(entity.privateKeyPem),
  };
}

/**
 * Debian's xmlsec1 verifies one ds:Signature (by its Id) of a signed file, trusting only the test
 * root (the intermediate as untrusted chain). Bordereau Ids are declared as the issue asks.
 */
export function xmlsecVerify(bytes: Buffer, signatureId: string, pki: TestPki): Promise<{ ok: boolean; output: string }> {
  return xmlsecVerifyFiles(bytes, signatureId, pki.root.certPath, pki.intermediate.certPath);
}

/** The same with PEM texts: the trusted root, the untrusted chain (intermediates). */
export function xmlsecVerifyWith(bytes: Buffer, signatureId: string, rootPem: string, chainPem: string): Promise<{ ok: boolean; output: string }> {
  return withTempDir('xades-ca-', async (dir) => {
    await writeFile(join(dir, 'root.pem'), rootPem);
    await writeFile(join(dir, 'chain.pem'), chainPem);
    return xmlsecVerifyFiles(bytes, signatureId, join(dir, 'root.pem'), join(dir, 'chain.pem'));
  });
}

function xmlsecVerifyFiles(bytes: Buffer, signatureId: string, rootPath: string, chainPath: string): Promise<{ ok: boolean; output: string }> {
  return withTempDir('xades-', async (dir) => {
    const file = join(dir, 'signed.xml');
    await writeFile(file, bytes);
    const result = await run('xmlsec1', [
      '--verify',
      '--id-attr:Id',
      'Bordereau',
      '--id-attr:Id',
      `${DS}:Signature`,
      '--node-id',
      signatureId,
      '--trusted-pem',
      rootPath,
      '--untrusted-pem',
      chainPath,
      file,
    ]);
    return { ok: result.status === 0 && /^OK$/m.test(result.stdout + result.stderr), output: `${result.stdout}${result.stderr}` };
  });
}

/** Every ds:Signature of a file, parsed independently of src/xades. */
export function signaturesIn(bytes: Buffer, encoding: 'utf8' | 'latin1'): Element[] {
  const document = new DOMParser().parseFromString(bytes.toString(encoding), MIME_TYPE.XML_APPLICATION);
  return Array.from(document.getElementsByTagNameNS(DS, 'Signature'));
}

/** The file with every `<ds:Signature …</ds:Signature>` byte range cut out, found by plain byte search. */
export function withoutSignatures(bytes: Buffer): Buffer {
  const open = Buffer.from('<ds:Signature ');
  const close = Buffer.from('</ds:Signature>');
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(open); at >= 0; at = bytes.indexOf(open, from)) {
    parts.push(bytes.subarray(from, at));
    from = bytes.indexOf(close, at) + close.length;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

export function childElementsOf(element: Element): Element[] {
  return Array.from(element.childNodes).filter((node): node is Element => node.nodeType === 1);
}
