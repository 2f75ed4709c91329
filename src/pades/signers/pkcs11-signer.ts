import { createHash, X509Certificate } from 'node:crypto';
import type * as Pkcs11js from 'pkcs11js';
import { PadesError, PadesErrorCode } from '../errors';
import type { HashAlgorithm, SignatureAlgorithm, Signer } from '../types';
import { orderChain } from './chain-order';

/** Which token: its label, else its slot id (as `pkcs11-tool -L` prints it), else the only one present. */
export interface Pkcs11TokenSelector {
  tokenLabel?: string;
  slot?: number;
}

/** Which key on the token: label, id (CKA_ID), or both. */
export interface Pkcs11KeySelector {
  keyLabel?: string;
  keyId?: Buffer;
}

export interface Pkcs11SignerOptions extends Pkcs11TokenSelector, Pkcs11KeySelector {
  /** The user PIN. Kept in memory for the signer's life, never put in an error or a message. */
  pin: string;
  /** DER certificates, the signer's first. Default: the certificate stored on the token beside the key (same id or label). */
  certificateChain?: Buffer[];
}

const DIGEST_INFO: Record<HashAlgorithm, Buffer> = {
  'SHA-256': Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  'SHA-384': Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  'SHA-512': Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};
const NODE_HASH: Record<HashAlgorithm, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
/** DER OIDs of CKA_EC_PARAMS for the curves the engine signs with. */
const EC_CURVES: Record<string, HashAlgorithm> = {
  '06082a8648ce3d030107': 'SHA-256', // P-256
  '06052b81040022': 'SHA-384', // P-384
};
const MAX_SIGNATURE_BYTES = 1024;

const invalidKey = (message: string, cause?: unknown) => new PadesError(PadesErrorCode.InvalidKey, message, { cause });

/** A stable French reason for a PKCS#11 return code; never the PIN, never the raw native stack. */
function describe(error: unknown): string {
  const name = error instanceof Error ? /CKR_[A-Z_]+/.exec(error.message)?.[0] : undefined;
  switch (name) {
    case 'CKR_PIN_INCORRECT': return 'le code PIN du jeton PKCS#11 est incorrect (PKCS11_PIN)';
    case 'CKR_PIN_LOCKED': return 'le code PIN du jeton PKCS#11 est bloqué : débloquez-le avec le code administrateur (SO PIN)';
    case 'CKR_PIN_EXPIRED': return 'le code PIN du jeton PKCS#11 a expiré : changez-le sur le jeton';
    case 'CKR_TOKEN_NOT_PRESENT': case 'CKR_DEVICE_REMOVED': return 'le jeton PKCS#11 n’est plus présent';
    default: return `erreur du module PKCS#11 (${name ?? 'erreur native'})`;
  }
}

function ulong(value: Buffer): bigint {
  return value.length >= 8 ? value.readBigUInt64LE(0) : BigInt(value.readUInt32LE(0));
}

/** Raw `r || s` (CKM_ECDSA output) to a DER Ecdsa-Sig-Value. */
export function ecdsaRawToDer(raw: Buffer): Buffer {
  if (raw.length === 0 || raw.length % 2 !== 0) throw invalidKey('signature ECDSA du jeton de longueur impaire');
  const integer = (bytes: Buffer) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
    let body = bytes.subarray(start);
    if (body[0] & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const half = raw.length / 2;
  const content = Buffer.concat([integer(raw.subarray(0, half)), integer(raw.subarray(half))]);
  const length = content.length < 0x80 ? Buffer.from([content.length]) : Buffer.from([0x81, content.length]);
  return Buffer.concat([Buffer.from([0x30]), length, content]);
}

/**
 * A loaded PKCS#11 library (C_Initialize done once). One per module path and process: the owner
 * creates it at start and closes it at shutdown. Every signature opens its own session, so
 * concurrent signatures do not share state; the login is per token, as PKCS#11 defines it.
 */
export class Pkcs11Module {
  private closed = false;

  private constructor(
    private readonly p11: typeof Pkcs11js,
    private readonly lib: Pkcs11js.PKCS11,
    readonly modulePath: string,
  ) {}

  /**
   * Loads the native addon (only now: a deployment without PKCS#11 never loads it) and the library.
   * @throws PadesError `invalid_key` when the library cannot be loaded or initialised.
   */
  static async open(modulePath: string): Promise<Pkcs11Module> {
    const p11 = await import('pkcs11js');
    const lib = new p11.PKCS11();
    try {
      lib.load(modulePath);
    } catch (error) {
      throw invalidKey(`la bibliothèque PKCS#11 ${modulePath} ne peut pas être chargée (PKCS11_MODULE)`, error);
    }
    try {
      lib.C_Initialize();
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('CKR_CRYPTOKI_ALREADY_INITIALIZED'))) {
        lib.close();
        throw invalidKey(`la bibliothèque PKCS#11 ${modulePath} refuse de s’initialiser : ${describe(error)}`, error);
      }
    }
    return new Pkcs11Module(p11, lib, modulePath);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.lib.C_Finalize();
    } finally {
      this.lib.close();
    }
  }

  /**
   * A {@link Signer} over a key on a token: RSA PKCS#1 v1.5 (CKM_RSA_PKCS over a DigestInfo made
   * here) or ECDSA P-256/P-384 (CKM_ECDSA over the hash made here), which every token supports.
   *
   * @throws PadesError `invalid_key`: no such token or key, several keys match, wrong PIN, no
   *   certificate, unsupported key type or curve.
   */
  createSigner(options: Pkcs11SignerOptions): Signer {
    if (!options.keyLabel && !options.keyId) throw invalidKey('indiquez le libellé (label) ou l’identifiant (id) de la clé sur le jeton PKCS#11');
    const slot = this.findSlot(options);
    const pin = options.pin;
    const probe = this.withSession(slot, pin, (session) => {
      const key = this.findOne(session, this.p11.CKO_PRIVATE_KEY, options, 'clé privée');
      return { algorithm: this.algorithmOf(session, key), certificates: options.certificateChain ?? [this.certificateOf(session, options)] };
    });
    const { algorithm, certificates } = probe;
    return {
      certificateChain: orderChain(certificates[0], certificates),
      algorithm,
      sign: async (data: Buffer) => this.withSession(slot, pin, (session) => {
        const key = this.findOne(session, this.p11.CKO_PRIVATE_KEY, options, 'clé privée');
        return this.signWith(session, key, algorithm, data);
      }),
    };
  }

  private findSlot(selector: Pkcs11TokenSelector): Buffer {
    this.assertOpen();
    const slots = this.lib.C_GetSlotList(true).filter((s) => (this.lib.C_GetTokenInfo(s).flags & this.p11.CKF_TOKEN_INITIALIZED) !== 0);
    if (selector.tokenLabel) {
      const slot = slots.find((s) => this.lib.C_GetTokenInfo(s).label.trim() === selector.tokenLabel);
      if (!slot) throw invalidKey(`aucun jeton PKCS#11 nommé « ${selector.tokenLabel} » (PKCS11_TOKEN_LABEL)`);
      return slot;
    }
    if (selector.slot !== undefined) {
      const slot = slots.find((s) => ulong(s) === BigInt(selector.slot as number));
      if (!slot) throw invalidKey(`aucun jeton PKCS#11 dans le slot ${selector.slot} (PKCS11_SLOT)`);
      return slot;
    }
    if (slots.length !== 1) throw invalidKey(`${slots.length} jetons PKCS#11 présents : choisissez-en un (PKCS11_TOKEN_LABEL ou PKCS11_SLOT)`);
    return slots[0];
  }

  private withSession<T>(slot: Buffer, pin: string, work: (session: Buffer) => T): T {
    const session = this.lib.C_OpenSession(slot, this.p11.CKF_SERIAL_SESSION);
    try {
      try {
        this.lib.C_Login(session, this.p11.CKU_USER, pin);
      } catch (error) {
        if (!(error instanceof Error && error.message.includes('CKR_USER_ALREADY_LOGGED_IN'))) throw invalidKey(describe(error));
      }
      return work(session);
    } finally {
      this.lib.C_CloseSession(session);
    }
  }

  private findOne(session: Buffer, objectClass: number, key: Pkcs11KeySelector, what: string): Buffer {
    const template: Pkcs11js.Template = [{ type: this.p11.CKA_CLASS, value: objectClass }];
    if (key.keyLabel) template.push({ type: this.p11.CKA_LABEL, value: key.keyLabel });
    if (key.keyId) template.push({ type: this.p11.CKA_ID, value: key.keyId });
    this.lib.C_FindObjectsInit(session, template);
    let found: Buffer[];
    try {
      found = this.lib.C_FindObjects(session, 2);
    } finally {
      this.lib.C_FindObjectsFinal(session);
    }
    const named = [key.keyLabel && `libellé « ${key.keyLabel} »`, key.keyId && `id ${key.keyId.toString('hex')}`].filter(Boolean).join(', ');
    if (found.length === 0) throw invalidKey(`${what === 'certificat' ? 'aucun' : 'aucune'} ${what} sur le jeton PKCS#11 avec ${named}`);
    if (found.length > 1) throw invalidKey(`plusieurs objets (${what}) sur le jeton PKCS#11 avec ${named} : précisez l’id`);
    return found[0];
  }

  private certificateOf(session: Buffer, key: Pkcs11KeySelector): Buffer {
    let handle: Buffer;
    try {
      handle = this.findOne(session, this.p11.CKO_CERTIFICATE, key, 'certificat');
    } catch (error) {
      throw invalidKey(`${(error as Error).message} ; importez le certificat sur le jeton ou donnez-le à part`, error);
    }
    const [value] = this.lib.C_GetAttributeValue(session, handle, [{ type: this.p11.CKA_VALUE }]);
    const der = value.value as Buffer;
    try {
      new X509Certificate(der);
    } catch (error) {
      throw invalidKey('le certificat stocké sur le jeton PKCS#11 est illisible', error);
    }
    return der;
  }

  private algorithmOf(session: Buffer, key: Buffer): SignatureAlgorithm {
    const [type] = this.lib.C_GetAttributeValue(session, key, [{ type: this.p11.CKA_KEY_TYPE }]);
    const keyType = Number(ulong(type.value as Buffer));
    if (keyType === this.p11.CKK_RSA) return { hash: 'SHA-256', scheme: 'RSASSA-PKCS1-v1_5' };
    if (keyType === this.p11.CKK_EC) {
      const [params] = this.lib.C_GetAttributeValue(session, key, [{ type: this.p11.CKA_EC_PARAMS }]);
      const hash = EC_CURVES[(params.value as Buffer).toString('hex')];
      if (!hash) throw invalidKey('courbe EC du jeton non prise en charge (P-256 ou P-384)');
      return { hash, scheme: 'ECDSA' };
    }
    throw invalidKey(`type de clé PKCS#11 non pris en charge (${keyType}) : RSA ou EC`);
  }

  private signWith(session: Buffer, key: Buffer, algorithm: SignatureAlgorithm, data: Buffer): Buffer {
    const digest = createHash(NODE_HASH[algorithm.hash]).update(data).digest();
    const out = Buffer.alloc(MAX_SIGNATURE_BYTES);
    if (algorithm.scheme === 'ECDSA') {
      this.lib.C_SignInit(session, { mechanism: this.p11.CKM_ECDSA }, key);
      return ecdsaRawToDer(this.lib.C_Sign(session, digest, out));
    }
    this.lib.C_SignInit(session, { mechanism: this.p11.CKM_RSA_PKCS }, key);
    return Buffer.from(this.lib.C_Sign(session, Buffer.concat([DIGEST_INFO[algorithm.hash], digest]), out));
  }

  private assertOpen(): void {
    if (this.closed) throw invalidKey(`la bibliothèque PKCS#11 ${this.modulePath} est fermée`);
  }
}
