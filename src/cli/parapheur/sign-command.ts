import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { createSoftwareSigner, signPdfChunks, type SignOptions, type SignedPdfChunks, type Signer, type StampOptions } from '../../pades';
import type { SignArgs, StampArg } from './args';
import { UsageError } from './exit-codes';

/** Every certificate of a PEM (or single DER) file, as DER. */
export function readCertificates(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN')) return [Buffer.from(new X509Certificate(bytes).raw)];
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((pem) => Buffer.from(new X509Certificate(pem).raw));
}

function password(args: SignArgs, env: NodeJS.ProcessEnv): string | undefined {
  if (!args.passwordEnv) return undefined;
  const value = env[args.passwordEnv];
  if (value === undefined) throw new UsageError(`--password-env ${args.passwordEnv}: that environment variable is not set.`);
  return value;
}

async function loadSigner(args: SignArgs, env: NodeJS.ProcessEnv): Promise<Signer> {
  const secret = password(args, env);
  if (args.key.kind === 'p12') {
    return createSoftwareSigner({ pkcs12: await readFile(args.key.path), password: secret ?? '' });
  }
  const [privateKeyPem, cert, chain] = await Promise.all([
    readFile(args.key.keyPath, 'utf8'),
    readFile(args.key.certPath),
    args.key.chainPath ? readFile(args.key.chainPath) : Promise.resolve(undefined),
  ]);
  const certificateChain = [...readCertificates(cert), ...(chain ? readCertificates(chain) : [])];
  return createSoftwareSigner({ privateKeyPem, password: secret, certificateChain });
}

function placement(stamp: StampArg): StampOptions['placement'] {
  return stamp.kind === 'tag' ? { kind: 'tag', tag: stamp.tag } : stamp;
}

async function stampOptions(args: SignArgs): Promise<StampOptions | undefined> {
  if (!args.stamp) return undefined;
  return {
    placement: placement(args.stamp),
    // Empty: the engine fills in /Name (the certificate's common name by default).
    signerName: args.name ?? '',
    title: args.title,
    onBehalfOf: args.onBehalfOf,
    reason: args.reason,
    image: args.image ? await readFile(args.image) : undefined,
  };
}

/**
 * Writes `[input, update]` to a temporary file chunk by chunk (never concatenated: a large
 * input is not copied) and renames it over `path`; a failed write leaves nothing behind.
 */
async function writeAtomically(path: string, chunks: SignedPdfChunks): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, chunks);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** `parapheur sign`: reads the input and the key, signs, writes the output atomically. */
export async function signCommand(args: SignArgs, env: NodeJS.ProcessEnv): Promise<string> {
  const [input, signer, stamp] = await Promise.all([readFile(args.input), loadSigner(args, env), stampOptions(args)]);
  const options: SignOptions = {
    level: args.level,
    tsa: args.tsa.length ? { urls: args.tsa } : undefined,
    fieldName: args.field,
    name: args.name,
    reason: args.reason,
    location: args.location,
    stamp,
  };
  const chunks = await signPdfChunks(input, signer, options);
  await writeAtomically(args.output, chunks);
  return `Signed ${args.input} → ${args.output} (PAdES ${args.level}, ${chunks[1].length} bytes appended).`;
}
