/**
 * Micro-benchmark of the CMS build path (a script, not a test). After `npm run build`:
 *   node dist/pades/cms/cms.bench.js
 * Prints µs per call for each step of a one-page B-B signature's CMS.
 */
import { createHash, randomBytes } from 'node:crypto';
import { generatePki } from '../../pki';
import { createSoftwareSigner } from '../signers';
import { buildSignedAttributes, buildSignedData, parseCms } from './index';

async function time(label: string, iterations: number, fn: () => unknown | Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(200, iterations); i++) await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  const micros = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  console.log(`${label.padEnd(48)} ${micros.toFixed(1).padStart(8)} µs/call`);
}

async function main(): Promise<void> {
  const pki = await generatePki({ tsa: false });
  const rsa = pki.signers.rsa;
  const signer = createSoftwareSigner({ privateKeyPem: rsa.privateKeyPem, certificateChain: rsa.chain });
  const ec = createSoftwareSigner({ privateKeyPem: pki.signers.ec.privateKeyPem, certificateChain: pki.signers.ec.chain });
  const messageDigest = createHash('sha256').update(randomBytes(4096)).digest();
  const input = { messageDigest, hash: 'SHA-256' as const, signerCertificate: signer.certificateChain[0] };
  const signedAttributes = buildSignedAttributes(input);
  const signatureValue = await signer.sign(signedAttributes);
  const dataInput = { signedAttributes, signatureValue, certificateChain: signer.certificateChain, hash: 'SHA-256' as const, scheme: signer.algorithm.scheme };
  const cms = buildSignedData(dataInput);

  await time('buildSignedAttributes', 20000, () => buildSignedAttributes(input));
  await time('buildSignedData (3 certificates)', 20000, () => buildSignedData(dataInput));
  await time('RSA-2048 sign (node:crypto, reference)', 2000, () => signer.sign(signedAttributes));
  await time('ECDSA P-256 sign (node:crypto, reference)', 5000, () => ec.sign(signedAttributes));
  await time('attributes + RSA sign + SignedData', 2000, async () => {
    const attrs = buildSignedAttributes(input);
    buildSignedData({ ...dataInput, signedAttributes: attrs, signatureValue: await signer.sign(attrs) });
  });
  await time('parseCms (pkijs, verify path)', 2000, () => parseCms(cms));
}

void main();
