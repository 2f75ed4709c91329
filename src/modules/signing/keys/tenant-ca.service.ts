import { Injectable } from '@nestjs/common';
import { randomUUID, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { generatePki } from '../../../pki';
import type { Issuer } from '../../../pki/certificates';
import { keyAlgorithms } from '../../../pki/keys';
import { SigningError, SigningErrorCode } from '../signing.errors';
import { CURRENT_KEY_VERSION, KeySealing } from './key-sealing';
import type { TenantCa } from './tenant-ca.entity';
import { TenantCasRepository } from './tenant-cas.repository';

const CA_KEY_TYPE = 'rsa-2048';
/** The CAs outlive the leaves they issue: leaves get at most 2 years, the generator gives the CAs 5. */
const CA_LEAF_SPAN_DAYS = 730;

export interface TenantIssuer {
  issuer: Issuer;
  /** Issuing CA then root, PEM: what goes after a leaf in its chain. */
  chainPem: string;
  rootCertificatePem: string;
  notAfter: Date;
  organization: string;
}

/** The tenant's CA, made on first use with src/pki; its key is opened only to issue a certificate. */
@Injectable()
export class TenantCaService {
  constructor(
    private readonly cas: TenantCasRepository,
    private readonly sealing: KeySealing,
  ) {}

  async issuerFor(tenantId: string): Promise<TenantIssuer> {
    const organization = await this.cas.tenantName(tenantId);
    if (!organization) throw new SigningError(SigningErrorCode.KeyMissing, 'Collectivité inconnue.');
    const ca = (await this.cas.findForTenant(tenantId)) ?? (await this.create(tenantId, organization));
    const privateKeyPem = this.sealing.openCaKey(ca.id, ca.privateKeyEnc);
    const der = Buffer.from(privateKeyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const privateKey = await webcrypto.subtle.importKey('pkcs8', der, keyAlgorithms(CA_KEY_TYPE).generate, false, ['sign']);
    return {
      issuer: { certificate: new x509.X509Certificate(ca.certificatePem), privateKey, keyType: CA_KEY_TYPE },
      chainPem: ca.certificatePem + ca.rootCertificatePem,
      rootCertificatePem: ca.rootCertificatePem,
      notAfter: ca.notAfter,
      organization,
    };
  }

  /** The root to trust for this tenant's signatures (undefined before the first enrolment). */
  async rootCertificatePem(tenantId: string): Promise<string | undefined> {
    return (await this.cas.findForTenant(tenantId))?.rootCertificatePem;
  }

  private async create(tenantId: string, organization: string): Promise<TenantCa> {
    const now = Date.now();
    const pki = await generatePki({
      organization,
      rootCommonName: `${organization} - AC racine Parapheur`,
      tenantCommonName: `${organization} - AC des signataires`,
      caKeyType: CA_KEY_TYPE,
      signers: [],
      tsa: false,
      validity: { notBefore: new Date(now - 24 * 3600_000), notAfter: new Date(now + CA_LEAF_SPAN_DAYS * 24 * 3600_000) },
    });
    const id = randomUUID();
    const notAfter = new x509.X509Certificate(pki.tenant.certificatePem).notAfter;
    await this.cas.insertIfAbsent({
      id,
      tenantId,
      rootCertificatePem: pki.root.certificatePem,
      certificatePem: pki.tenant.certificatePem,
      privateKeyEnc: this.sealing.sealCaKey(id, pki.tenant.privateKeyPem),
      keyVersion: CURRENT_KEY_VERSION,
      notAfter,
    });
    const stored = await this.cas.findForTenant(tenantId);
    if (!stored) throw new Error(`tenant CA of ${tenantId} vanished after insert`);
    return stored;
  }
}
