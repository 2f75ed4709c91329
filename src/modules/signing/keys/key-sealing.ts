import { Injectable } from '@nestjs/common';
import { SecretBox } from '../../../common/crypto/secret-box';

/** The master key version that seals new private keys; a rotation adds a version, never rewrites one in place. */
export const CURRENT_KEY_VERSION = 1;

/**
 * Seals and opens private keys under MASTER_KEY (SecretBox, AES-256-GCM), bound to the table and
 * row they live in: a sealed key copied to another row does not open.
 */
@Injectable()
export class KeySealing {
  constructor(private readonly box: SecretBox) {}

  sealSigningKey(keyId: string, privateKeyPem: string): string {
    return this.box.seal(Buffer.from(privateKeyPem, 'utf8'), `signing_keys.private_key_enc:${keyId}`);
  }

  openSigningKey(keyId: string, sealed: string): string {
    return this.box.open(sealed, `signing_keys.private_key_enc:${keyId}`).toString('utf8');
  }

  sealCaKey(caId: string, privateKeyPem: string): string {
    return this.box.seal(Buffer.from(privateKeyPem, 'utf8'), `tenant_cas.private_key_enc:${caId}`);
  }

  openCaKey(caId: string, sealed: string): string {
    return this.box.open(sealed, `tenant_cas.private_key_enc:${caId}`).toString('utf8');
  }
}
