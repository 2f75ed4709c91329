import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatePki, type PkiEntity } from '../../src/pki';
import { run } from './exec';
import { processScratchDir } from './scratch';

/** A PKI entity with its certificate and key also written to files (for openssl, certutil…). */
export interface TestPkiEntity extends PkiEntity {
  certPath: string;
  keyPath: string;
}

export interface TestPki {
  dir: string;
  root: TestPkiEntity;
  intermediate: TestPkiEntity;
  rsaSigner1: TestPkiEntity;
  rsaSigner2: TestPkiEntity;
  ecSigner: TestPkiEntity;
  /** EC P-384 signer, for SHA-384 / P-384 cases. */
  ecP384Signer: TestPkiEntity;
  tsa: TestPkiEntity;
  /** An unrelated root and its signer: "a file signed beforehand with a different CA". */
  otherRoot: TestPkiEntity;
  otherSigner: TestPkiEntity;
  /** intermediate + root PEM, for -CAfile / -untrusted. */
  chainPath: string;
  /** root PEM + other root PEM. */
  allRootsPath: string;
}

let cached: Promise<TestPki> | undefined;

async function materialize(dir: string, name: string, entity: PkiEntity): Promise<TestPkiEntity> {
  const certPath = join(dir, `${name}.cert.pem`);
  const keyPath = join(dir, `${name}.key.pem`);
  await writeFile(certPath, entity.certificatePem);
  await writeFile(keyPath, entity.privateKeyPem, { mode: 0o600 });
  return { ...entity, certPath, keyPath };
}

async function build(dir: string): Promise<TestPki> {
  const [main, other] = await Promise.all([
    generatePki({
      organization: 'Parapheur Test',
      signers: [
        { id: 'rsa1', commonName: 'Alice Signataire', title: 'Maire', keyType: 'rsa-2048' },
        { id: 'rsa2', commonName: 'Bruno Signataire', title: 'Adjoint', keyType: 'rsa-2048' },
        { id: 'ec', commonName: 'Chloé Signataire', title: 'DGS', keyType: 'ec-p256' },
        { id: 'ec384', commonName: 'Denis Signataire', keyType: 'ec-p384' },
      ],
    }),
    generatePki({ organization: 'Autre AC', caKeyType: 'ec-p256', tsa: false, signers: [{ id: 'x', commonName: 'Étienne Ailleurs', keyType: 'rsa-2048' }] }),
  ]);
  const entities = {
    root: await materialize(dir, 'root', main.root),
    intermediate: await materialize(dir, 'intermediate', main.tenant),
    rsaSigner1: await materialize(dir, 'rsa1', main.signers.rsa1),
    rsaSigner2: await materialize(dir, 'rsa2', main.signers.rsa2),
    ecSigner: await materialize(dir, 'ec', main.signers.ec),
    ecP384Signer: await materialize(dir, 'ec384', main.signers.ec384),
    tsa: await materialize(dir, 'tsa', main.tsa as PkiEntity),
    otherRoot: await materialize(dir, 'other-root', other.root),
    otherSigner: await materialize(dir, 'other-signer', other.signers.x),
  };
  const chainPath = join(dir, 'chain.pem');
  await writeFile(chainPath, main.tenant.certificatePem + main.root.certificatePem);
  const allRootsPath = join(dir, 'all-roots.pem');
  await writeFile(allRootsPath, main.root.certificatePem + other.root.certificatePem);
  return { dir, ...entities, chainPath, allRootsPath };
}

type Stored = Omit<TestPki, keyof typeof ENTITY_KEYS> & Record<keyof typeof ENTITY_KEYS, Omit<TestPkiEntity, 'certificateDer' | 'chain'> & { chain: string[] }>;

const ENTITY_KEYS = {
  root: 1, intermediate: 1, rsaSigner1: 1, rsaSigner2: 1, ecSigner: 1, ecP384Signer: 1, tsa: 1, otherRoot: 1, otherSigner: 1,
} as const;

function store(pki: TestPki, file: string): void {
  const stored = Object.fromEntries(
    Object.entries(pki).map(([key, value]) =>
      key in ENTITY_KEYS ? [key, { ...(value as TestPkiEntity), certificateDer: undefined, chain: (value as TestPkiEntity).chain.map((d) => d.toString('base64')) }] : [key, value],
    ),
  );
  writeFileSync(`${file}.tmp`, JSON.stringify(stored));
  renameSync(`${file}.tmp`, file);
}

function load(file: string): TestPki {
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  const entities = Object.fromEntries(
    Object.keys(ENTITY_KEYS).map((key) => {
      const entity = stored[key as keyof typeof ENTITY_KEYS];
      const chain = entity.chain.map((b64) => Buffer.from(b64, 'base64'));
      return [key, { ...entity, chain, certificateDer: chain[0] }];
    }),
  );
  return { ...stored, ...entities } as unknown as TestPki;
}

async function loadOrBuild(): Promise<TestPki> {
  // Jest gives every test file its own module registry; the directory (per process, so per
  // worker) lets all files of a run share one PKI instead of generating one each.
  const dir = join(processScratchDir(), 'pki');
  const file = join(dir, 'pki.json');
  if (existsSync(file)) return load(file);
  mkdirSync(dir, { recursive: true });
  const pki = await build(dir);
  store(pki, file);
  return pki;
}

/** The test PKI, generated once per Jest process (worker) into a temporary directory. */
export function getTestPki(): Promise<TestPki> {
  cached ??= loadOrBuild();
  return cached;
}

// ---------------------------------------------------------------------------------------------
// Long-term signature PKI (B-LT / B-LTA tests): made with `openssl ca`, so that `openssl ocsp`
// and `openssl ca -gencrl` answer from the same index; its certificates carry AIA (OCSP) and
// CRL distribution points pointing at loopback servers (test/helpers/ocsp-responder.ts,
// test/helpers/crl-server.ts).

/** A CA run by `openssl ca`: its directory, index, key and certificate. */
export interface OpensslCa {
  name: string;
  dir: string;
  configPath: string;
  certPath: string;
  keyPath: string;
  certificateDer: Buffer;
  certificatePem: string;
}

export interface LtvPki {
  dir: string;
  /** Self-signed root; issues `intermediate` (which carries the root's CRL distribution point). */
  root: OpensslCa;
  /** Issues the signers (AIA OCSP + CRL DP) and the TSA (CRL DP only: its status comes from the CRL). */
  intermediate: OpensslCa;
  signers: { alice: TestPkiEntity; bruno: TestPkiEntity; chloe: TestPkiEntity; revokedBefore: TestPkiEntity; revokedAfter: TestPkiEntity };
  tsa: TestPkiEntity;
  /** Root PEM, for -CAfile and NSS. */
  rootPath: string;
  /** Intermediate PEM, for -untrusted. */
  intermediatePath: string;
  /**
   * A TestPki-shaped view for startLoopbackTsa (which reads `tsa` and `intermediate` paths only).
   */
  forTsa: TestPki;
}

/** Where the loopback servers answer for a CA (by its name: `root`, `intermediate`). */
export interface LtvUrls {
  ocsp(ca: string): string;
  crl(ca: string): string;
}

async function openssl(args: string[]): Promise<void> {
  const result = await run('openssl', args);
  if (result.status !== 0) throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${result.stderr}`);
}

function caConfig(dir: string, urls: LtvUrls, name: string): string {
  return `[ ca ]
default_ca = CA_default
[ CA_default ]
dir = ${dir}
database = ${dir}/index.txt
new_certs_dir = ${dir}/newcerts
serial = ${dir}/serial
crlnumber = ${dir}/crlnumber
certificate = ${dir}/ca.pem
private_key = ${dir}/ca.key
default_md = sha256
default_days = 365
default_crl_days = 2
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ policy_any ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = req_dn
prompt = no
[ req_dn ]
CN = unused
[ v3_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_intermediate ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:${urls.crl(name)}
[ v3_signer ]
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:${urls.ocsp(name)}
crlDistributionPoints = URI:${urls.crl(name)}
[ v3_tsa ]
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:${urls.crl(name)}
`;
}

async function newKey(path: string, type: 'ec' | 'rsa'): Promise<void> {
  const algorithm = type === 'ec' ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  await openssl(['genpkey', ...algorithm, '-out', path]);
}

async function prepareCa(base: string, name: string, urls: LtvUrls): Promise<OpensslCa> {
  const dir = join(base, name);
  mkdirSync(join(dir, 'newcerts'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), `${randomSerialHex()}\n`);
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  const configPath = join(dir, 'ca.cnf');
  writeFileSync(configPath, caConfig(dir, urls, name));
  return { name, dir, configPath, certPath: join(dir, 'ca.pem'), keyPath: join(dir, 'ca.key'), certificateDer: Buffer.alloc(0), certificatePem: '' };
}

function randomSerialHex(): string {
  const bytes = Buffer.from(Array.from({ length: 8 }, () => Math.floor(Math.random() * 256)));
  bytes[0] = (bytes[0] & 0x7f) | 0x10;
  return bytes.toString('hex');
}

function loadCert(path: string): { pem: string; der: Buffer } {
  const pem = readFileSync(path, 'utf8');
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1] ?? '';
  return { pem: pem.slice(pem.indexOf('-----BEGIN CERTIFICATE-----')), der: Buffer.from(body.replace(/\s+/g, ''), 'base64') };
}

/** Issues a certificate with `issuer` (`openssl ca -extensions <section>`), its key written next to it. */
async function issue(issuer: OpensslCa, name: string, commonName: string, section: string, type: 'ec' | 'rsa'): Promise<{ certPath: string; keyPath: string }> {
  const keyPath = join(issuer.dir, `${name}.key`);
  const csrPath = join(issuer.dir, `${name}.csr`);
  const certPath = join(issuer.dir, `${name}.pem`);
  await newKey(keyPath, type);
  await openssl(['req', '-new', '-config', issuer.configPath, '-key', keyPath, '-subj', `/O=Parapheur LTV/CN=${commonName}`, '-utf8', '-out', csrPath]);
  await openssl(['ca', '-batch', '-config', issuer.configPath, '-extensions', section, '-in', csrPath, '-out', certPath, '-notext', '-utf8']);
  return { certPath, keyPath };
}

/**
 * A fresh root → intermediate → {signers, TSA} PKI (per call: revocations made by one test
 * never leak into another). EC P-256 keys, Alice RSA-2048.
 */
export async function createLtvPki(urls: LtvUrls): Promise<LtvPki> {
  const dir = await mkdtemp(join(processScratchDir(), 'ltv-pki-'));
  const root = await prepareCa(dir, 'root', urls);
  await newKey(root.keyPath, 'ec');
  await openssl(['req', '-new', '-x509', '-config', root.configPath, '-extensions', 'v3_root', '-key', root.keyPath, '-subj', '/O=Parapheur LTV/CN=LTV Root', '-days', '730', '-out', root.certPath]);
  const intermediate = await prepareCa(dir, 'intermediate', urls);
  const issued = await issue(root, 'intermediate', 'LTV Intermediate', 'v3_intermediate', 'ec');
  renameSync(issued.certPath, intermediate.certPath);
  renameSync(issued.keyPath, intermediate.keyPath);
  for (const ca of [root, intermediate]) {
    const { pem, der } = loadCert(ca.certPath);
    Object.assign(ca, { certificatePem: pem, certificateDer: der });
  }
  const entity = async (name: string, commonName: string, section = 'v3_signer', type: 'ec' | 'rsa' = 'ec'): Promise<TestPkiEntity> => {
    const paths = await issue(intermediate, name, commonName, section, type);
    const { pem, der } = loadCert(paths.certPath);
    writeFileSync(paths.certPath, pem);
    const privateKeyPem = readFileSync(paths.keyPath, 'utf8');
    return {
      commonName, keyType: type === 'ec' ? 'ec-p256' : 'rsa-2048', certificateDer: der, certificatePem: pem, privateKeyPem,
      chain: [der, intermediate.certificateDer, root.certificateDer], ...paths,
    };
  };
  const signers = {
    alice: await entity('alice', 'Alice Longterme', 'v3_signer', 'rsa'),
    bruno: await entity('bruno', 'Bruno Longterme'),
    chloe: await entity('chloe', 'Chloé Longterme'),
    revokedBefore: await entity('revoked-before', 'Rémi Révoqué'),
    revokedAfter: await entity('revoked-after', 'Rose Révoquée-après'),
  };
  const tsa = await entity('tsa', 'LTV TSA', 'v3_tsa');
  const intermediatePath = intermediate.certPath;
  const rootPath = root.certPath;
  const forTsa = { tsa, intermediate: { certPath: intermediatePath } } as unknown as TestPki;
  return { dir, root, intermediate, signers, tsa, rootPath, intermediatePath, forTsa };
}

/** Revokes `entity` in `ca`'s index (now): the OCSP responder and the next CRL report it. */
export async function revokeCertificate(ca: OpensslCa, entity: TestPkiEntity): Promise<void> {
  await openssl(['ca', '-config', ca.configPath, '-revoke', entity.certPath, '-crl_reason', 'keyCompromise']);
}
