import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

export interface ChainVerification {
  trusted: boolean;
  /** DER certificates from the end entity to the trust anchor, when a path was found. */
  chain: Buffer[];
  /** Why the chain is not trusted. */
  reason?: string;
}

// node's WebCrypto, passed explicitly: the engine must not depend on a global crypto.
const cryptoEngine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as pkijs.CryptoEngineParameters['crypto'] });

const toPkijs = (der: Buffer): pkijs.Certificate => pkijs.Certificate.fromBER(der);
const toDer = (cert: pkijs.Certificate): Buffer => Buffer.from(cert.toSchema().toBER(false));

/** pkijs throws plain objects with a resultMessage as well as Errors. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'resultMessage' in error) return String(error.resultMessage);
  return String(error);
}

/**
 * Builds and checks a path from `certificates[0]` (the end entity; the others are candidate
 * intermediates, in any order) to one of `trustAnchors`, with every certificate valid at `atTime`.
 * No revocation check (that is LT level work).
 */
export async function verifyChain(certificates: Buffer[], trustAnchors: Buffer[], atTime: Date): Promise<ChainVerification> {
  if (certificates.length === 0) return { trusted: false, chain: [], reason: 'aucun certificat' };
  try {
    const [leaf, ...others] = certificates;
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: trustAnchors.map(toPkijs),
      // pkijs validates the last certificate of `certs`: the end entity goes last.
      certs: [...others.map(toPkijs), toPkijs(leaf)],
      checkDate: atTime,
    });
    const result = await engine.verify({}, cryptoEngine);
    const chain = (result.certificatePath ?? []).map(toDer);
    return result.result ? { trusted: true, chain } : { trusted: false, chain, reason: result.resultMessage };
  } catch (error) {
    return { trusted: false, chain: [], reason: describe(error) };
  }
}
