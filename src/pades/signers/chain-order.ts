import { X509Certificate } from 'node:crypto';

/**
 * The signer certificate, then its issuer, its issuer's issuer… taken from `certificates`
 * (any order, duplicates and unrelated ones ignored). Stops at a self-signed certificate.
 */
export function orderChain(signer: Buffer, certificates: Buffer[]): Buffer[] {
  const parsed = certificates.map((der) => ({ der, cert: new X509Certificate(der) }));
  const chain = [signer];
  let current = new X509Certificate(signer);
  while (current.issuer !== current.subject) {
    const issuer = parsed.find((p) => !chain.some((c) => c.equals(p.der)) && current.checkIssued(p.cert) && current.verify(p.cert.publicKey));
    if (!issuer) break;
    chain.push(issuer.der);
    current = issuer.cert;
  }
  return chain;
}
