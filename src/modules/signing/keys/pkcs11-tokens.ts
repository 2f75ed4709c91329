import { X509Certificate, randomBytes, verify } from 'node:crypto';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../../config';
import type { Pkcs11Settings } from '../../../config/app-config';
import { type Signer } from '../../../pades';
import { Pkcs11Module, type Pkcs11KeySelector, type Pkcs11TokenSelector } from '../../../pades/signers';
import { pemCertificates } from '../tasks/document-signer';
import type { HsmKeyRef, SigningKey } from './signing-key.entity';

const NODE_HASH = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

/** Why the configured token cannot be used; a French reason that never holds the PIN. */
export class Pkcs11UnavailableError extends Error {}

/**
 * The deployment's PKCS#11 token (PKCS11_MODULE, PKCS11_TOKEN_LABEL or PKCS11_SLOT, PKCS11_PIN),
 * loaded on first use and finalised at shutdown. Keys of source `pkcs11` sign through it; the
 * PIN stays in the configuration, never in the database or a message.
 */
@Injectable()
export class Pkcs11Tokens implements OnApplicationShutdown {
  private module?: Promise<Pkcs11Module>;

  constructor(private readonly config: AppConfig) {}

  /** The configured key label/id defaults, or null when no token is configured. */
  defaults(): Pick<Pkcs11Settings, 'keyLabel' | 'keyId'> | null {
    const settings = this.config.pkcs11;
    return settings && { keyLabel: settings.keyLabel, keyId: settings.keyId };
  }

  /** A signer for a `pkcs11` key row: the key on the token, the certificate and chain from the row. */
  async signerFor(key: Pick<SigningKey, 'hsmKey' | 'certificatePem' | 'chainPem'>): Promise<Signer> {
    const { module, settings } = await this.open();
    const chain = [...pemCertificates(key.certificatePem), ...pemCertificates(key.chainPem)];
    return module.createSigner({ ...this.selectors(settings, key.hsmKey ?? {}), pin: settings.pin, certificateChain: chain });
  }

  /**
   * The certificate stored on the token beside the key (DER), after proving that the key on the
   * token matches it: a probe signed by the token must verify with the certificate's public key.
   */
  async certificateOf(ref: HsmKeyRef, given?: Buffer): Promise<Buffer> {
    const { module, settings } = await this.open();
    const selectors = this.selectors(settings, ref);
    // Without a given certificate the signer reads it from the token, after finding the key (the better error first).
    const signer = module.createSigner({ ...selectors, pin: settings.pin, certificateChain: given && [given] });
    const certificate = signer.certificateChain[0];
    const probe = randomBytes(32);
    const signature = await signer.sign(probe);
    const publicKey = new X509Certificate(certificate).publicKey;
    if (!verify(NODE_HASH[signer.algorithm.hash], probe, { key: publicKey, dsaEncoding: 'der' }, signature)) {
      throw new Pkcs11UnavailableError('La clé du jeton PKCS#11 ne correspond pas au certificat : vérifiez le libellé ou l’id de la clé.');
    }
    return certificate;
  }

  async onApplicationShutdown(): Promise<void> {
    const opening = this.module;
    this.module = undefined;
    if (opening) (await opening.catch(() => undefined))?.close();
  }

  private selectors(settings: Pkcs11Settings, ref: HsmKeyRef): Pkcs11TokenSelector & Pkcs11KeySelector {
    const tokenLabel = ref.tokenLabel ?? settings.tokenLabel ?? undefined;
    return {
      tokenLabel,
      slot: tokenLabel ? undefined : settings.slot ?? undefined,
      keyLabel: ref.keyLabel,
      keyId: ref.keyId ? Buffer.from(ref.keyId, 'hex') : undefined,
    };
  }

  private async open(): Promise<{ module: Pkcs11Module; settings: Pkcs11Settings }> {
    const settings = this.config.pkcs11;
    if (!settings) throw new Pkcs11UnavailableError('Aucun jeton PKCS#11 configuré (PKCS11_MODULE) : le cachet de la collectivité est sur un HSM que ce serveur ne connaît pas.');
    this.module ??= Pkcs11Module.open(settings.modulePath);
    try {
      return { module: await this.module, settings };
    } catch (error) {
      this.module = undefined;
      throw error;
    }
  }
}
