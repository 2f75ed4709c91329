import * as x509 from '@peculiar/x509';
import { issueCertificate, type CertificateProfile, type Issuer, type SubjectFields } from './certificates';
import { generateKeyPair, privateKeyToPem } from './keys';
import type { GeneratedPki, PkiEntity, PkiKeyType, PkiOptions, PkiSignerSpec, PkiValidity } from './types';

const DAY_MS = 24 * 3600 * 1000;

/** The two demo signers used when `options.signers` is absent. */
export const DEFAULT_PKI_SIGNERS: PkiSignerSpec[] = [
  { id: 'rsa', commonName: 'Marie Dupont', title: 'Maire', keyType: 'rsa-2048' },
  { id: 'ec', commonName: 'Jean Martin', title: 'Adjoint aux finances', keyType: 'ec-p256' },
];

interface Issued {
  entity: PkiEntity;
  issuer: Issuer;
}

interface EntityRequest {
  subject: SubjectFields;
  keyType: PkiKeyType;
  profile: CertificateProfile;
  validity: PkiValidity;
  issuer?: Issued;
}

async function makeEntity(request: EntityRequest): Promise<Issued> {
  const keys = await generateKeyPair(request.keyType);
  const certificate = await issueCertificate({
    subject: request.subject,
    publicKey: keys.publicKey,
    issuer: request.issuer?.issuer,
    selfKey: { privateKey: keys.privateKey, keyType: request.keyType },
    profile: request.profile,
    validity: request.validity,
  });
  const certificateDer = Buffer.from(certificate.rawData);
  const entity: PkiEntity = {
    commonName: request.subject.commonName,
    keyType: request.keyType,
    certificateDer,
    certificatePem: certificate.toString('pem') + '\n',
    privateKeyPem: await privateKeyToPem(keys.privateKey),
    chain: [certificateDer, ...(request.issuer?.entity.chain ?? [])],
  };
  return { entity, issuer: { certificate, privateKey: keys.privateKey, keyType: request.keyType } };
}

function leafValidity(options: PkiOptions, now: Date): PkiValidity {
  return {
    notBefore: options.validity?.notBefore ?? new Date(now.getTime() - DAY_MS),
    notAfter: options.validity?.notAfter ?? new Date(now.getTime() + 730 * DAY_MS),
  };
}

/** CAs cover every leaf: from a day before the earliest leaf start to three years after the latest end. */
function caValidity(leaf: PkiValidity, signers: PkiSignerSpec[]): PkiValidity {
  const starts = [leaf.notBefore, ...signers.map((s) => s.validity?.notBefore ?? leaf.notBefore)];
  const ends = [leaf.notAfter, ...signers.map((s) => s.validity?.notAfter ?? leaf.notAfter)];
  return {
    notBefore: new Date(Math.min(...starts.map((d) => d.getTime())) - DAY_MS),
    notAfter: new Date(Math.max(...ends.map((d) => d.getTime())) + 3 * 365 * DAY_MS),
  };
}

/**
 * Generates a complete test or trial PKI: root CA, tenant (intermediate) CA, signers, TSA and
 * optionally an OCSP responder. Certificates carry no AIA or CRL URL, so validators never go online.
 */
export async function generatePki(options: PkiOptions = {}): Promise<GeneratedPki> {
  const org = { organization: options.organization ?? 'Parapheur', country: options.country ?? 'FR' };
  const caKeyType = options.caKeyType ?? 'rsa-2048';
  const signers = options.signers ?? DEFAULT_PKI_SIGNERS;
  const leaf = leafValidity(options, new Date());
  const caDates = caValidity(leaf, signers);
  const root = await makeEntity({
    subject: { ...org, commonName: options.rootCommonName ?? `${org.organization} Root CA` },
    keyType: caKeyType, profile: 'root', validity: caDates,
  });
  const tenant = await makeEntity({
    subject: { ...org, commonName: options.tenantCommonName ?? `${org.organization} Tenant CA` },
    keyType: caKeyType, profile: 'ca', validity: caDates, issuer: root,
  });
  const issueLeaf = async (subject: SubjectFields, keyType: PkiKeyType, profile: CertificateProfile, validity = leaf) =>
    (await makeEntity({ subject: { ...org, ...subject }, keyType, profile, validity, issuer: tenant })).entity;

  const [signerEntities, tsa, ocsp] = await Promise.all([
    Promise.all(
      signers.map((s) =>
        issueLeaf({ ...org, commonName: s.commonName, title: s.title, email: s.email }, s.keyType, 'signer', { ...leaf, ...s.validity }),
      ),
    ),
    options.tsa === false ? undefined : issueLeaf({ ...org, commonName: `${org.organization} TSA` }, 'rsa-2048', 'tsa'),
    options.ocsp ? issueLeaf({ ...org, commonName: `${org.organization} OCSP` }, 'ec-p256', 'ocsp') : undefined,
  ]);
  return {
    root: root.entity,
    tenant: tenant.entity,
    signers: Object.fromEntries(signers.map((s, i) => [s.id, signerEntities[i]])),
    ...(tsa ? { tsa } : {}),
    ...(ocsp ? { ocsp } : {}),
  };
}

/** Parses a PEM certificate (helper for callers that only hold PEM). */
export function certificateFromPem(pem: string): Buffer {
  return Buffer.from(new x509.X509Certificate(pem).rawData);
}
