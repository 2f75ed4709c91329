import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateFromPem } from '../../src/pki';
import { run } from './exec';

/** Debian's softhsm2 package. */
export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  dir: string;
  /** The SOFTHSM2_CONF file: its own token directory, nothing shared with other runs. */
  conf: string;
  label: string;
  pin: string;
  /** Env to give a process that loads the module (SoftHSM reads SOFTHSM2_CONF at C_Initialize). */
  env: { SOFTHSM2_CONF: string };
  remove(): Promise<void>;
}

/** Runs a SoftHSM/OpenSC tool against this token's configuration only. */
async function tool(command: string, args: string[], env: SoftHsmToken['env']): Promise<string> {
  const result = await run('env', [`SOFTHSM2_CONF=${env.SOFTHSM2_CONF}`, command, ...args]);
  if (result.status !== 0) throw new Error(`${command} ${args[0]} failed (${result.status}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** A fresh SoftHSM2 token in a temporary directory (`softhsm2-util --init-token --free`). */
export async function createSoftHsmToken(label: string, pin: string, soPin = '87654321'): Promise<SoftHsmToken> {
  const dir = await mkdtemp(join(tmpdir(), 'parapheur-softhsm-'));
  const conf = join(dir, 'softhsm2.conf');
  await writeFile(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  await mkdir(join(dir, 'tokens'));
  const env = { SOFTHSM2_CONF: conf };
  await tool('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin], env);
  return { dir, conf, label, pin, env, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Puts a software key (PKCS#8 PEM) and its certificate on the token under one label and id, as
 * an operator would load a seal into an HSM: `softhsm2-util --import`, then `pkcs11-tool --write-object`.
 */
export async function importKeyAndCertificate(token: SoftHsmToken, entity: { privateKeyPem: string; certificatePem: string }, keyLabel: string, keyIdHex: string): Promise<void> {
  const keyFile = join(token.dir, `${keyIdHex}.key.pem`);
  const certFile = join(token.dir, `${keyIdHex}.cert.der`);
  await writeFile(keyFile, entity.privateKeyPem, { mode: 0o600 });
  await writeFile(certFile, certificateFromPem(entity.certificatePem));
  try {
    await tool('softhsm2-util', ['--import', keyFile, '--token', token.label, '--label', keyLabel, '--id', keyIdHex, '--pin', token.pin], token.env);
    await tool('pkcs11-tool', [
      '--module', SOFTHSM_MODULE, '--token-label', token.label, '--login', '--pin', token.pin,
      '--write-object', certFile, '--type', 'cert', '--id', keyIdHex, '--label', keyLabel,
    ], token.env);
  } finally {
    await rm(keyFile, { force: true });
  }
}
