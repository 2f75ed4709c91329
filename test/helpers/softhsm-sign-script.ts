/**
 * Child-process side of the PKCS#11 engine tests: SoftHSM reads SOFTHSM2_CONF from the real
 * environment at C_Initialize, which a Jest sandbox cannot set, so the signing runs here.
 * argv[2]: JSON { module, input, output, options (keyId as hex), certificateChain (base64 DER) }.
 * Prints one JSON line: { ok: true, algorithm } or { ok: false, code, message }.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { PadesError, signPdf } from '../../src/pades';
import { Pkcs11Module, type Pkcs11SignerOptions } from '../../src/pades/signers';

interface Job {
  module: string;
  input: string;
  output: string;
  options: Omit<Pkcs11SignerOptions, 'keyId' | 'certificateChain'> & { keyId?: string; certificateChain?: string[] };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as Job;
  const module = await Pkcs11Module.open(job.module);
  try {
    const signer = module.createSigner({
      ...job.options,
      keyId: job.options.keyId ? Buffer.from(job.options.keyId, 'hex') : undefined,
      certificateChain: job.options.certificateChain?.map((der) => Buffer.from(der, 'base64')),
    });
    await writeFile(job.output, await signPdf(await readFile(job.input), signer, { reason: 'Cachet' }));
    process.stdout.write(`${JSON.stringify({ ok: true, algorithm: signer.algorithm, signer: signer.certificateChain[0].toString('base64') })}\n`);
  } catch (error) {
    if (!(error instanceof PadesError)) throw error;
    process.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: error.message })}\n`);
  } finally {
    module.close();
  }
}

void main();
