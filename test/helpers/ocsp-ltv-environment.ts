/** Everything a long-term signature test needs on 127.0.0.1: OCSP responder, CRL server, a PKI pointing at them, a TSA of that PKI. */
import { startCrlServer, type LoopbackCrl } from './crl-server';
import { startOcspResponder, type LoopbackOcsp } from './ocsp-responder';
import { createLtvPki, type LtvPki } from './test-pki';
import { startLoopbackTsa, type LoopbackTsa } from './tsa-server';

export interface LtvEnvironment {
  pki: LtvPki;
  ocsp: LoopbackOcsp;
  crl: LoopbackCrl;
  tsa: LoopbackTsa;
  close(): Promise<void>;
}

export async function startLtvEnvironment(): Promise<LtvEnvironment> {
  const [ocsp, crl] = await Promise.all([startOcspResponder(), startCrlServer()]);
  const pki = await createLtvPki({ ocsp: ocsp.url, crl: crl.url });
  ocsp.serve([pki.root, pki.intermediate]);
  crl.serve([pki.root, pki.intermediate]);
  const tsa = await startLoopbackTsa(pki.forTsa);
  return { pki, ocsp, crl, tsa, close: async () => void (await Promise.all([ocsp.close(), crl.close(), tsa.close()])) };
}
