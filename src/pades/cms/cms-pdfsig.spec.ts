import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer as SignPdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { extractSignatures, opensslCmsVerify, signedBytes } from '../../../test/helpers/cms';
import { withTempDir } from '../../../test/helpers/exec';
import { createNssDb, runPdfsig, signWithPdfsig } from '../../../test/helpers/pdfsig';
import { getTestPki, type TestPki, type TestPkiEntity } from '../../../test/helpers/test-pki';
import { createSoftwareSigner } from '../signers';
import type { HashAlgorithm, SignatureScheme } from '../types';
import { buildSignedAttributes, buildSignedData, cmsHash, nodeHash, parseCms, verifyChain, verifyCmsSignature } from './index';

/** Plugs our CMS into @signpdf's placeholder handling: only the PDF plumbing is borrowed. */
class OurCms extends SignPdfSigner {
  constructor(private readonly entity: TestPkiEntity, private readonly hash: HashAlgorithm, private readonly scheme: SignatureScheme) {
    super();
  }

  override async sign(signedBytes: Buffer): Promise<Buffer> {
    const signer = createSoftwareSigner({ privateKeyPem: this.entity.privateKeyPem, certificateChain: this.entity.chain.slice(0, 2), hash: this.hash, scheme: this.scheme });
    const messageDigest = createHash(nodeHash(this.hash)).update(signedBytes).digest();
    const signedAttributes = buildSignedAttributes({ messageDigest, hash: this.hash, signerCertificate: signer.certificateChain[0] });
    const signatureValue = await signer.sign(signedAttributes);
    return buildSignedData({ signedAttributes, signatureValue, certificateChain: signer.certificateChain, hash: this.hash, scheme: this.scheme });
  }
}

async function placeholderPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Arrêté municipal');
  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  return plainAddPlaceholder({
    pdfBuffer: pdf, reason: 'test', contactInfo: '', name: 'test', location: '', signatureLength: 8192, subFilter: SUBFILTER_ETSI_CADES_DETACHED,
  });
}

describe('our CMS inside a PDF, judged by pdfsig (NSS) and openssl', () => {
  let pki: TestPki;
  let nssDir: string;
  beforeAll(async () => {
    pki = await getTestPki();
    nssDir = await createNssDb([pki.root.certificatePem]);
  });

  it.each<[string, keyof TestPki, HashAlgorithm, SignatureScheme]>([
    ['RSA PKCS#1 v1.5', 'rsaSigner1', 'SHA-256', 'RSASSA-PKCS1-v1_5'],
    ['RSA-PSS', 'rsaSigner2', 'SHA-256', 'RSA-PSS'],
    ['ECDSA P-256', 'ecSigner', 'SHA-256', 'ECDSA'],
    ['ECDSA P-384', 'ecP384Signer', 'SHA-384', 'ECDSA'],
  ])('%s: Signature is Valid, Certificate is Trusted', async (_name, who, hash, scheme) => {
    const entity = pki[who] as TestPkiEntity;
    await withTempDir('cms-pdfsig-', async (dir) => {
      const signed = await new SignPdf().sign(await placeholderPdf(), new OurCms(entity, hash, scheme));
      const path = join(dir, 'signed.pdf');
      await writeFile(path, signed);
      const [signature, ...more] = await runPdfsig(path, nssDir);
      expect(more).toEqual([]);
      expect(signature).toMatchObject({
        signerName: entity.commonName, signatureType: 'ETSI.CAdES.detached', totalDocumentSigned: true, valid: true, trusted: true,
      });
      const pdf = await readFile(path);
      expect(await opensslCmsVerify(pdf, extractSignatures(pdf)[0], pki.root.certPath, { cades: true })).toMatchObject({ ok: true });
    });
  });

  it('reports a signer from an untrusted CA as valid but not trusted', async () => {
    await withTempDir('cms-pdfsig-other-', async (dir) => {
      const path = join(dir, 'signed.pdf');
      await writeFile(path, await new SignPdf().sign(await placeholderPdf(), new OurCms(pki.otherSigner, 'SHA-256', 'RSASSA-PKCS1-v1_5')));
      const [signature] = await runPdfsig(path, nssDir);
      expect(signature).toMatchObject({ valid: true, trusted: false, certificateValidation: 'Certificate issuer is unknown.' });
    });
  });

  it('parses and verifies the BER CMS that pdfsig (NSS) itself writes', async () => {
    await withTempDir('cms-pdfsig-nss-', async (dir) => {
      const doc = await PDFDocument.create();
      doc.addPage();
      await writeFile(join(dir, 'in.pdf'), await doc.save({ useObjectStreams: false }));
      await signWithPdfsig(join(dir, 'in.pdf'), join(dir, 'out.pdf'), pki.otherSigner, [pki.otherRoot.certificatePem]);
      const pdf = await readFile(join(dir, 'out.pdf'));
      const [signature] = extractSignatures(pdf);
      expect(signature.contents.subarray(0, 2)).toEqual(Buffer.from([0x30, 0x80]));
      const parsed = parseCms(signature.contents);
      expect(parsed.signerCertificate).toEqual(pki.otherSigner.certificateDer);
      expect(parsed).toMatchObject({ hasSigningTime: false, signingCertificateV2Matches: true });
      expect(verifyCmsSignature(parsed)).toBe(true);
      expect(parsed.messageDigest).toEqual(cmsHash(parsed.digestAlgorithm, signedBytes(pdf, signature.byteRange)));
      const chain = await verifyChain([parsed.signerCertificate, ...parsed.certificates], [pki.otherRoot.certificateDer], new Date());
      expect(chain.trusted).toBe(true);
      expect((await verifyChain([parsed.signerCertificate, ...parsed.certificates], [pki.root.certificateDer], new Date())).trusted).toBe(false);
    });
  });
});
