/** Gathers what every signature and time-stamp of a PDF needs to be validated later: chains and revocation data. */
import * as asn1js from 'asn1js';
import { TSTInfo } from 'pkijs';
import { PadesError, PadesErrorCode } from '../errors';
import type { PdfDocument } from '../pdf/document';
import { readCms, type CmsFacts } from '../verify/cms-facts';
import { findSignatures, trimPadding, type FoundSignature } from '../verify/pdf-signatures';
import { readDss, vriKey, type DssAdditions, type DssKey } from './dss';
import { assertNotRevokedAt, type RevocationSource } from './revocation';
import { certInfo, chainOf, type CertInfo } from './x509-info';

/** A certificate to cover and the time at which it must not have been revoked. */
interface Subject {
  leaf: Buffer;
  certificates: Buffer[];
  at: Date;
}

export interface CollectResult extends DssAdditions {
  /** Certificates for which no revocation data could be found or fetched, with why. */
  unchecked: string[];
}

/** genTime of a time-stamp token's TSTInfo. */
export function tokenTime(token: CmsFacts): Date | undefined {
  if (!token.content) return undefined;
  try {
    return new TSTInfo({ schema: asn1js.fromBER(new Uint8Array(token.content)).result }).genTime;
  } catch {
    return undefined;
  }
}

function subjectsOf(sig: FoundSignature, now: Date): Subject[] {
  if (!sig.contents) return [];
  const facts = readCms(trimPadding(sig.contents));
  if (!facts.signerCertificate) return [];
  if (sig.type === 'DocTimeStamp' || sig.subFilter === 'ETSI.RFC3161') {
    return [{ leaf: facts.signerCertificate, certificates: facts.certificates, at: tokenTime(facts) ?? now }];
  }
  const token = facts.timeStampToken ? readCms(facts.timeStampToken) : undefined;
  const stampTime = token && tokenTime(token);
  const subjects: Subject[] = [{ leaf: facts.signerCertificate, certificates: facts.certificates, at: stampTime ?? sig.signingTime ?? now }];
  if (token?.signerCertificate) subjects.push({ leaf: token.signerCertificate, certificates: token.certificates, at: stampTime ?? now });
  return subjects;
}

const emptyRecord = (): Record<DssKey, Buffer[]> => ({ Certs: [], OCSPs: [], CRLs: [] });

function pushUnique(list: Buffer[], der: Buffer): void {
  if (!list.some((b) => b.equals(der))) list.push(der);
}

interface CollectOptions {
  source: RevocationSource;
  extraCertificates: Buffer[];
  /** Failures on this signature (the one just made) throw; on others they are only noted. */
  strictFor?: FoundSignature;
  now: Date;
}

/**
 * For every signature and document time-stamp in `doc`: the signer's (and its time-stamp
 * authority's) chain and an OCSP response or CRL for each certificate below the root, checked
 * to say "not revoked" at the signature's time. Throws `certificate_revoked` /
 * `revocation_unavailable` for `strictFor`.
 */
export async function collectValidationData(doc: PdfDocument, options: CollectOptions): Promise<CollectResult> {
  const result: CollectResult = { items: emptyRecord(), vri: new Map(), unchecked: [] };
  const dssCerts = readDss(doc).items.Certs.flatMap((item) => (item.der ? [item.der] : []));
  const signatures = findSignatures(doc);
  // Every certificate any CMS of the file carries helps build every chain (a TSA token often leaves out the root).
  const carried = signatures.flatMap((sig) => {
    try {
      return subjectsOf(sig, options.now).flatMap((s) => s.certificates);
    } catch {
      return [];
    }
  });
  const extra = [...dssCerts, ...carried, ...options.extraCertificates];
  for (const sig of signatures) {
    const strict = sig === options.strictFor;
    const entry = emptyRecord();
    let subjects: Subject[];
    try {
      subjects = subjectsOf(sig, options.now);
    } catch (error) {
      if (strict) throw error;
      result.unchecked.push(`${sig.field} : CMS illisible (${(error as Error).message})`);
      continue;
    }
    for (const subject of subjects) {
      try {
        await coverSubject(subject, extra, options.source, entry, result.unchecked);
      } catch (error) {
        if (strict || !(error instanceof PadesError)) throw error;
        result.unchecked.push(`${sig.field} : ${error.message}`);
      }
    }
    if (!sig.contents) continue;
    result.vri.set(vriKey(sig.contents), entry);
    for (const key of ['Certs', 'OCSPs', 'CRLs'] as DssKey[]) for (const der of entry[key]) pushUnique(result.items[key], der);
  }
  return result;
}

function poolOf(subject: Subject, extra: Buffer[]): CertInfo[] {
  const pool: CertInfo[] = [];
  for (const der of [...subject.certificates, ...extra]) {
    try {
      pool.push(certInfo(der));
    } catch {
      // Not a certificate: ignored, like a viewer would.
    }
  }
  return pool;
}

async function coverSubject(subject: Subject, extra: Buffer[], source: RevocationSource, entry: Record<DssKey, Buffer[]>, unchecked: string[]): Promise<void> {
  const chain = chainOf(certInfo(subject.leaf), poolOf(subject, extra));
  for (const [i, cert] of chain.entries()) {
    pushUnique(entry.Certs, cert.der);
    if (cert.selfSigned) continue;
    const issuer = chain[i + 1];
    if (!issuer) {
      unchecked.push(`« ${cert.label} » : émetteur introuvable, état de révocation non vérifié`);
      continue;
    }
    const evidence = await source.evidenceFor(cert, issuer);
    if (!evidence) {
      unchecked.push(`« ${cert.label} » : ni OCSP ni CRL indiqués par le certificat`);
      continue;
    }
    assertNotRevokedAt(cert, evidence, subject.at);
    pushUnique(evidence.kind === 'ocsp' ? entry.OCSPs : entry.CRLs, evidence.der);
    if (evidence.responderCertificate) pushUnique(entry.Certs, evidence.responderCertificate);
  }
}

/** Throws unless every certificate of `chain` (signer first) is known not to be revoked now. */
export async function checkChainNotRevoked(chain: Buffer[], source: RevocationSource, extraCertificates: Buffer[], now: Date): Promise<string[]> {
  const unchecked: string[] = [];
  if (chain.length === 0) throw new PadesError(PadesErrorCode.InvalidKey, 'aucun certificat de signataire');
  await coverSubject({ leaf: chain[0], certificates: chain, at: now }, extraCertificates, source, emptyRecord(), unchecked);
  return unchecked;
}
