import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatePki, type PkiEntity } from '../../src/pki';
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
