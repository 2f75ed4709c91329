import { createSign, X509Certificate } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { ecdsaDerToRaw, parseXmlBytes, signPes, summarizePes, targetFromXPath, XadesError, XadesErrorCode } from '../../src/xades';
import { DEFAULT_BORDEREAUX, generatePes, type PesEncoding } from '../fixtures/pes/pes-generator';
import { getTestPki, type TestPki } from '../helpers/test-pki';
import { childElementsOf, DS, signaturesIn, signerOf, withoutSignatures, XAD, xmlsecVerify } from './xmlsec';

const PLACE = { city: 'Saint-Étienne', postalCode: '42000' };
const ROLE = 'Adjointe déléguée aux finances';

function names(element: Element): string[] {
  return childElementsOf(element).map((child) => `${child.namespaceURI === XAD ? 'xad' : child.namespaceURI === DS ? 'ds' : child.namespaceURI}:${child.localName}`);
}

function one(element: Element, ns: string, name: string): Element {
  const found = element.getElementsByTagNameNS(ns, name);
  expect(found.length).toBe(1);
  return found[0];
}

function text(element: Element, ns: string, name: string): string {
  return one(element, ns, name).textContent ?? '';
}

describe('XAdES signatures of PES_Aller flows', () => {
  let pki: TestPki;

  beforeAll(async () => {
    pki = await getTestPki();
  });

  describe.each<[PesEncoding, '\n' | '\r\n']>([
    ['UTF-8', '\n'],
    ['ISO-8859-1', '\r\n'],
  ])('%s flow, one signature per bordereau', (encoding, newline) => {
    let original: Buffer;
    let signed: Buffer;

    beforeAll(async () => {
      original = generatePes({ encoding, newline, canonicalizationTraps: true });
      const result = await signPes(original, { target: 'bordereaux', signer: signerOf(pki.rsaSigner1), place: PLACE, claimedRole: ROLE, signingTime: new Date('2026-11-23T10:11:12.345Z') });
      signed = result.bytes;
      expect(result.signatures.map((s) => s.bordereauId)).toEqual(['BORD_2026_0001', 'BORD_2026_0002']);
    });

    it('every signature verifies with xmlsec1', async () => {
      for (const id of ['BORD_2026_0001_SIG_1', 'BORD_2026_0002_SIG_1']) {
        const result = await xmlsecVerify(signed, id, pki);
        expect({ id, ok: result.ok, output: result.output }).toMatchObject({ id, ok: true });
        expect(result.output).toContain('SignedInfo References (ok/all): 2/2');
      }
    });

    it('a change inside one bordereau fails its signature only', async () => {
      const tampered = Buffer.from(signed.toString('latin1').replace('<MtHT V="812.35"/>', '<MtHT V="812.36"/>'), 'latin1');
      expect(tampered.equals(signed)).toBe(false);
      expect((await xmlsecVerify(tampered, 'BORD_2026_0001_SIG_1', pki)).ok).toBe(true);
      expect((await xmlsecVerify(tampered, 'BORD_2026_0002_SIG_1', pki)).ok).toBe(false);
    });

    it('every byte outside the inserted signatures is unchanged, encoding included', () => {
      expect(withoutSignatures(signed).equals(original)).toBe(true);
      expect(signed.subarray(0, 60).toString('latin1')).toContain(`encoding="${encoding}"`);
    });

    it('each signature sits at the end of its bordereau, with the expected shape', () => {
      const signatures = signaturesIn(signed, encoding === 'UTF-8' ? 'utf8' : 'latin1');
      expect(signatures).toHaveLength(2);
      const serial = BigInt(`0x${new X509Certificate(pki.rsaSigner1.certificatePem).serialNumber}`).toString(10);
      for (const [index, signature] of signatures.entries()) {
        const bordereau = signature.parentNode as Element;
        const id = DEFAULT_BORDEREAUX[index].id;
        expect(bordereau.localName).toBe('Bordereau');
        expect(bordereau.getAttribute('Id')).toBe(id);
        expect(childElementsOf(bordereau).pop()).toBe(signature);
        expect(signature.prefix).toBe('ds');
        expect(signature.getAttribute('Id')).toBe(`${id}_SIG_1`);
        expect(names(signature)).toEqual(['ds:SignedInfo', 'ds:SignatureValue', 'ds:KeyInfo', 'ds:Object']);
        expect(one(signature, DS, 'SignatureValue').getAttribute('Id')).toBe(`${id}_SIG_1_SV`);
        expect(one(signature, DS, 'CanonicalizationMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2001/10/xml-exc-c14n#');
        expect(one(signature, DS, 'SignatureMethod').getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
        const [data, props] = Array.from(signature.getElementsByTagNameNS(DS, 'Reference'));
        expect(data.getAttribute('URI')).toBe(`#${id}`);
        expect(Array.from(data.getElementsByTagNameNS(DS, 'Transform')).map((t) => t.getAttribute('Algorithm'))).toEqual([
          'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
          'http://www.w3.org/2001/10/xml-exc-c14n#',
        ]);
        expect(props.getAttribute('URI')).toBe(`#${id}_SIG_1_SP`);
        expect(props.getAttribute('Type')).toBe(`${XAD}SignedProperties`);
        for (const method of signature.getElementsByTagNameNS(DS, 'DigestMethod')) expect(method.getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
        expect(text(signature, DS, 'X509Certificate')).toBe(new X509Certificate(pki.rsaSigner1.certificatePem).raw.toString('base64'));

        const qualifying = one(signature, XAD, 'QualifyingProperties');
        expect(qualifying.prefix).toBe('xad');
        expect(qualifying.getAttribute('Target')).toBe(`#${id}_SIG_1`);
        const signedProperties = one(qualifying, XAD, 'SignedProperties');
        expect(signedProperties.getAttribute('Id')).toBe(`${id}_SIG_1_SP`);
        const ssp = one(signedProperties, XAD, 'SignedSignatureProperties');
        expect(names(ssp)).toEqual(['xad:SigningTime', 'xad:SigningCertificate', 'xad:SignaturePolicyIdentifier', 'xad:SignatureProductionPlace', 'xad:SignerRole']);
        expect(text(ssp, XAD, 'SigningTime')).toBe('2026-11-23T10:11:12Z');
        const certDigest = one(ssp, XAD, 'CertDigest');
        expect(names(certDigest)).toEqual(['xad:DigestMethod', 'xad:DigestValue']);
        expect(names(one(ssp, XAD, 'IssuerSerial'))).toEqual(['ds:X509IssuerName', 'ds:X509SerialNumber']);
        expect(text(ssp, DS, 'X509SerialNumber')).toBe(serial);
        expect(text(ssp, DS, 'X509SerialNumber')).toMatch(/^\d+$/);
        const policy = one(ssp, XAD, 'SignaturePolicyId');
        expect(names(policy)).toEqual(['xad:SigPolicyId', 'xad:SigPolicyHash', 'xad:SigPolicyQualifiers']);
        expect(text(policy, XAD, 'Identifier')).toBe('urn:oid:1.2.250.1.131.1.5.18.21.1.7');
        expect(names(one(policy, XAD, 'SigPolicyHash'))).toEqual(['xad:DigestMethod', 'xad:DigestValue']);
        expect(one(policy, XAD, 'SigPolicyHash').getElementsByTagNameNS(XAD, 'DigestValue')[0].textContent).toBe('roF9+cfRHNPtVJolhdqfIqGMVuUXX8aR4rpiquf0u5E=');
        expect(text(policy, XAD, 'SPURI')).toMatch(/^https:\/\//);
        expect(names(one(ssp, XAD, 'SignatureProductionPlace'))).toEqual(['xad:City', 'xad:PostalCode', 'xad:CountryName']);
        expect([text(ssp, XAD, 'City'), text(ssp, XAD, 'PostalCode'), text(ssp, XAD, 'CountryName')]).toEqual(['Saint-Étienne', '42000', 'France']);
        expect(text(one(ssp, XAD, 'ClaimedRoles'), XAD, 'ClaimedRole')).toBe(ROLE);
      }
    });
  });

  it('signs the whole flow at the end of PES_Aller for XPath "." (with and without an Id on the root)', async () => {
    for (const rootId of ['PES_2026_11', undefined]) {
      const original = generatePes({ encoding: 'ISO-8859-1', rootId });
      const result = await signPes(original, { target: targetFromXPath('.'), signer: signerOf(pki.rsaSigner1), place: PLACE, claimedRole: 'Maire' });
      expect(result.target).toBe('root');
      const [signature] = result.signatures;
      expect(signature.signatureId).toBe(`${rootId ?? 'PES_Aller'}_SIG_1`);
      expect(signaturesIn(result.bytes, 'latin1').map((s) => (s.parentNode as Element).localName)).toEqual(['PES_Aller']);
      const verified = await xmlsecVerify(result.bytes, signature.signatureId, pki);
      expect({ rootId, ...verified }).toMatchObject({ ok: true });
      expect(withoutSignatures(result.bytes).equals(original)).toBe(true);
    }
  });

  it('a second signer countersigns the whole flow and every earlier signature stays valid; a third is refused', async () => {
    const original = generatePes({ encoding: 'UTF-8' });
    const first = await signPes(original, { target: 'bordereaux', signer: signerOf(pki.rsaSigner1), place: PLACE, claimedRole: 'Maire' });
    const second = await signPes(first.bytes, { target: 'bordereaux', signer: signerOf(pki.rsaSigner2), place: PLACE, claimedRole: 'Comptable' });
    expect(second.target).toBe('root');
    expect(second.signatures.map((s) => s.signatureId)).toEqual(['PES_Aller_SIG_1']);
    for (const id of ['BORD_2026_0001_SIG_1', 'BORD_2026_0002_SIG_1', 'PES_Aller_SIG_1']) {
      expect({ id, ...(await xmlsecVerify(second.bytes, id, pki)) }).toMatchObject({ id, ok: true });
    }
    expect(withoutSignatures(second.bytes).equals(original)).toBe(true);
    await expect(signPes(second.bytes, { target: 'bordereaux', signer: signerOf(pki.rsaSigner1), place: PLACE, claimedRole: 'Maire' })).rejects.toMatchObject({
      code: XadesErrorCode.AlreadySigned,
    });
  });

  it('signs with an ECDSA P-256 key as ecdsa-sha256 (r||s value), which xmlsec1 verifies', async () => {
    const original = generatePes({ encoding: 'UTF-8' });
    const ec = pki.ecSigner;
    const der = new X509Certificate(ec.certificatePem).raw;
    const result = await signPes(original, {
      target: 'bordereaux',
      signer: { certificate: der, algorithm: 'ecdsa-sha256', sign: async (data) => ecdsaDerToRaw(createSign('SHA256').update(data).sign(ec.privateKeyPem), 32) },
      place: PLACE,
      claimedRole: 'DGS',
    });
    expect(result.bytes.toString('utf8')).toContain('Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"');
    for (const { signatureId } of result.signatures) expect({ signatureId, ...(await xmlsecVerify(result.bytes, signatureId, pki)) }).toMatchObject({ ok: true });
  });

  it('summarizes the bordereaux for the visual and the evidence', () => {
    const summary = summarizePes(parseXmlBytes(generatePes({ encoding: 'ISO-8859-1' })));
    expect(summary.libelle).toBe('Commune de Saint-Étienne-lès-Orgues');
    expect(summary.bordereaux).toEqual([
      { id: 'BORD_2026_0001', kind: 'depense', number: '1', year: '2026', pieces: 2, amount: '4750.00' },
      { id: 'BORD_2026_0002', kind: 'depense', number: '2', year: '2026', pieces: 1, amount: '812.35' },
    ]);
  });

  describe('untrusted input is refused before anything is signed', () => {
    const cases: Array<[string, Buffer | (() => Buffer), XadesErrorCode]> = [
      ['an external entity (XXE)', Buffer.from('<?xml version="1.0"?><!DOCTYPE PES_Aller [<!ENTITY x SYSTEM "file:///etc/passwd">]><PES_Aller>&x;</PES_Aller>'), XadesErrorCode.Dtd],
      ['an external DTD', Buffer.from('<?xml version="1.0"?><!DOCTYPE PES_Aller SYSTEM "http://127.0.0.1:9/x.dtd"><PES_Aller/>'), XadesErrorCode.Dtd],
      ['entity expansion (billion laughs)', Buffer.from('<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><PES_Aller>&b;</PES_Aller>'), XadesErrorCode.Dtd],
      ['an unclosed element', Buffer.from('<PES_Aller><Bordereau Id="B1"></PES_Aller>'), XadesErrorCode.Malformed],
      ['an undefined entity', Buffer.from('<PES_Aller><Bordereau Id="B1">&nbsp;</Bordereau></PES_Aller>'), XadesErrorCode.Malformed],
      ['text after the root', Buffer.from('<PES_Aller></PES_Aller>trailing'), XadesErrorCode.Malformed],
      ['too deep', Buffer.from(`<PES_Aller>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</PES_Aller>`), XadesErrorCode.TooDeep],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<PES_Aller/>', 'utf16le')]), XadesErrorCode.Encoding],
      ['an unknown encoding', Buffer.from('<?xml version="1.0" encoding="EBCDIC-FR"?><PES_Aller/>'), XadesErrorCode.Encoding],
      ['latin1 bytes declared UTF-8', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><PES_Aller><Bordereau Id="B">\u00e9</Bordereau></PES_Aller>', 'latin1'), XadesErrorCode.Encoding],
      ['another root', Buffer.from('<PES_Retour><Bordereau Id="B">x</Bordereau></PES_Retour>'), XadesErrorCode.NotPes],
      ['no bordereau with an Id', Buffer.from('<PES_Aller><Bordereau>x</Bordereau></PES_Aller>'), XadesErrorCode.NoBordereau],
    ];
    it.each(cases)('%s', async (_name, input, code) => {
      const bytes = typeof input === 'function' ? input() : input;
      const error = await signPes(bytes, { target: 'bordereaux', signer: signerOf(pki.rsaSigner1), place: PLACE, claimedRole: 'Maire' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(XadesError);
      expect(error).toMatchObject({ code });
      expect((error as Error).message.length).toBeGreaterThan(20);
    });

    it('a file over the size limit', async () => {
      const error = await signPes(generatePes({ encoding: 'UTF-8' }), { target: 'bordereaux', signer: signerOf(pki.rsaSigner1), place: PLACE, claimedRole: 'M', limits: { maxBytes: 1000, maxDepth: 64 } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: XadesErrorCode.TooLarge });
    });

    it('an XPath it cannot honour', () => {
      expect(() => targetFromXPath('//Piece')).toThrow(XadesError);
      expect(targetFromXPath('//Bordereau')).toBe('bordereaux');
      expect(targetFromXPath(' . ')).toBe('root');
    });
  });
});
