import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActorKind, type AuthContext } from '../../../common/auth';
import { PasswordHasher } from '../../users/password-hasher';
import { PinVerifier } from '../consent/pin-verifier';
import { UsersRepository } from '../../users/users.repository';
import { type RegisterHsmSealDto, SigningKeyDto, TenantCaDto } from '../dto/signing-key.dto';
import { SigningError, SigningErrorCode } from '../signing.errors';
import { CURRENT_KEY_VERSION, KeySealing } from './key-sealing';
import { hsmCertificate } from './hsm-seal';
import { importPkcs12 } from './pkcs12-import';
import { Pkcs11Tokens } from './pkcs11-tokens';
import { type HsmKeyRef, SigningKeySource } from './signing-key.entity';
import { type NewSigningKey, SigningKeysRepository } from './signing-keys.repository';
import { TenantCaService } from './tenant-ca.service';
import { issueUserKey } from './user-certificate';

interface KeyMaterial {
  certificatePem: string;
  chainPem: string;
  /** A software key; absent when the key stays on a PKCS#11 token (`hsmKey`). */
  privateKeyPem?: string;
  hsmKey?: HsmKeyRef;
  subject: string;
  notAfter: Date;
}

/** Enrolment of people's keys (issued by the tenant CA, or uploaded), and the tenant seal. */
@Injectable()
export class SigningKeysService {
  constructor(
    private readonly keys: SigningKeysRepository,
    private readonly tenantCa: TenantCaService,
    private readonly sealing: KeySealing,
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
    private readonly pins: PinVerifier,
    private readonly tokens: Pkcs11Tokens,
  ) {}

  /** A first key needs only the session; replacing one needs its current PIN, so a stolen session cannot reset the consent proof. */
  async enrol(ctx: AuthContext, pin: string, currentPin?: string): Promise<SigningKeyDto> {
    const userId = personOf(ctx);
    await this.checkReplacement(ctx.tenantId, userId, currentPin);
    const user = await this.users.findInTenant(ctx.tenantId, userId);
    if (!user) throw new SigningError(SigningErrorCode.PeopleOnly, 'Compte introuvable : reconnectez-vous.');
    const issuer = await this.tenantCa.issuerFor(ctx.tenantId);
    const issued = await issueUserKey(issuer, { displayName: user.displayName, title: user.title, email: user.email });
    return this.store(ctx.tenantId, userId, SigningKeySource.Issued, issued, await this.hasher.hash(pin));
  }

  async importPkcs12(ctx: AuthContext, file: Buffer | undefined, password: string, pin: string, currentPin?: string): Promise<SigningKeyDto> {
    const userId = personOf(ctx);
    await this.checkReplacement(ctx.tenantId, userId, currentPin);
    const imported = importPkcs12(requireFile(file), password);
    return this.store(ctx.tenantId, userId, SigningKeySource.Pkcs12, imported, await this.hasher.hash(pin));
  }

  async uploadSeal(ctx: AuthContext, file: Buffer | undefined, password: string): Promise<SigningKeyDto> {
    const imported = importPkcs12(requireFile(file), password);
    return this.store(ctx.tenantId, null, SigningKeySource.Pkcs12, imported, null);
  }

  /**
   * Makes a key on the deployment's PKCS#11 token the tenant seal. Only a reference to the key is
   * stored; the token proves it holds the private key of the certificate before anything is written.
   */
  async registerHsmSeal(ctx: AuthContext, body: RegisterHsmSealDto): Promise<SigningKeyDto> {
    const material = await hsmCertificate(this.tokens, body);
    return this.store(ctx.tenantId, null, SigningKeySource.Pkcs11, material, null);
  }

  /** Admin: revokes a person's key (forgotten PIN, departure); they may then enrol again with the session alone. */
  async revokeForUser(ctx: AuthContext, userId: string): Promise<void> {
    const user = await this.users.findInTenant(ctx.tenantId, userId);
    if (!user) throw new SigningError(SigningErrorCode.UserNotFound, `Aucun utilisateur avec l’identifiant ${userId}.`);
    await this.keys.revokeActive(ctx.tenantId, userId);
  }

  async mine(ctx: AuthContext): Promise<SigningKeyDto> {
    const key = await this.keys.findActive(ctx.tenantId, personOf(ctx));
    if (!key) throw new SigningError(SigningErrorCode.KeyMissing, 'Vous n’avez pas encore de clé de signature : créez-la avec votre code PIN.');
    return SigningKeyDto.from(key);
  }

  async seal(ctx: AuthContext): Promise<SigningKeyDto> {
    const key = await this.keys.findActive(ctx.tenantId, null);
    if (!key) throw new SigningError(SigningErrorCode.SealMissing, 'Aucun cachet de la collectivité : un administrateur doit en déposer un (PKCS#12) ou désigner sa clé sur le HSM.');
    return SigningKeyDto.from(key);
  }

  async tenantRoot(ctx: AuthContext): Promise<TenantCaDto> {
    const pem = await this.tenantCa.rootCertificatePem(ctx.tenantId);
    if (!pem) throw new SigningError(SigningErrorCode.KeyMissing, 'L’autorité de certification de la collectivité sera créée à la première clé de signature.');
    return { rootCertificatePem: pem };
  }

  private async checkReplacement(tenantId: string, userId: string, currentPin: string | undefined): Promise<void> {
    const current = await this.keys.findActive(tenantId, userId);
    if (current) await this.pins.verify(current, currentPin, 'Vous avez déjà une clé de signature : indiquez son code PIN actuel (currentPin) pour la remplacer, ou demandez à un administrateur de la révoquer.');
  }

  private async store(tenantId: string, userId: string | null, source: SigningKeySource, material: KeyMaterial, pinHash: string | null): Promise<SigningKeyDto> {
    const id = randomUUID();
    const values: NewSigningKey = {
      id,
      tenantId,
      userId,
      source,
      certificatePem: material.certificatePem,
      chainPem: material.chainPem,
      privateKeyEnc: material.privateKeyPem === undefined ? null : this.sealing.sealSigningKey(id, material.privateKeyPem),
      hsmKey: material.hsmKey ?? null,
      keyVersion: CURRENT_KEY_VERSION,
      pinHash,
      subject: material.subject.slice(0, 500),
      notAfter: material.notAfter,
    };
    return SigningKeyDto.from(await this.keys.replaceActive(values));
  }
}

/** The person behind the request: API clients never hold signing keys. */
export function personOf(ctx: AuthContext): string {
  if (ctx.actorKind !== ActorKind.User || !ctx.userId) {
    throw new SigningError(SigningErrorCode.PeopleOnly, 'Seule une personne connectée peut signer ou gérer sa clé de signature, pas une clé d’API.');
  }
  return ctx.userId;
}

function requireFile(file: Buffer | undefined): Buffer {
  if (!file || file.length === 0) {
    throw new SigningError(SigningErrorCode.Pkcs12Invalid, 'Joignez le fichier PKCS#12 dans le champ « file » (multipart/form-data).');
  }
  return file;
}
