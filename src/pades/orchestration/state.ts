import { PadesError, PadesErrorCode } from '../errors';
import type { HashAlgorithm, PadesLevel, SignatureScheme, SignatureState, TsaOptions } from '../types';

const HASHES: readonly HashAlgorithm[] = ['SHA-256', 'SHA-384', 'SHA-512'];
const SCHEMES: readonly SignatureScheme[] = ['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA'];
const LEVELS: readonly PadesLevel[] = ['B-B', 'B-T'];

/** The state's fields decoded to bytes: what the second half works on. */
export interface DecodedState {
  pdf: Buffer;
  byteRange: [number, number, number, number];
  signedAttributes: Buffer;
  hash: HashAlgorithm;
  scheme: SignatureScheme;
  certificateChain: Buffer[];
  level: PadesLevel;
  tsa?: TsaOptions;
}

function invalid(what: string): PadesError {
  return new PadesError(PadesErrorCode.InvalidState, `l’état de signature est inutilisable (${what}) : relancer prepareSignature`);
}

function base64(value: unknown, what: string): Buffer {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${what} manquant`);
  return Buffer.from(value, 'base64');
}

function checkByteRange(value: unknown, pdfLength: number): [number, number, number, number] {
  if (!Array.isArray(value) || value.length !== 4 || !value.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw invalid('byteRange doit être quatre entiers positifs');
  }
  const [start, firstLength, secondStart, secondLength] = value as number[];
  const coherent = start === 0 && firstLength > 0 && secondStart > firstLength + 1 && secondStart + secondLength === pdfLength;
  if (!coherent) throw invalid('byteRange ne décrit pas le PDF préparé');
  return [start, firstLength, secondStart, secondLength];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) throw invalid(`${what} doit valoir ${allowed.join(', ')}`);
  return value as T;
}

/** Decodes and checks a state that went through JSON (and possibly through other hands). */
export function decodeState(state: SignatureState): DecodedState {
  if (state === null || typeof state !== 'object' || state.v !== 1) throw invalid('version inconnue, v: 1 attendu');
  const pdf = base64(state.pdf, 'pdf');
  if (!Array.isArray(state.certificateChain) || state.certificateChain.length === 0) throw invalid('certificateChain vide');
  const level = oneOf(state.level, LEVELS, 'level');
  if (level === 'B-T' && !state.tsa?.urls?.length) throw invalid('niveau B-T sans URL d’horodatage');
  return {
    pdf,
    byteRange: checkByteRange(state.byteRange, pdf.length),
    signedAttributes: base64(state.signedAttributes, 'signedAttributes'),
    hash: oneOf(state.hash, HASHES, 'hash'),
    scheme: oneOf(state.scheme, SCHEMES, 'scheme'),
    certificateChain: state.certificateChain.map((c, i) => base64(c, `certificateChain[${i}]`)),
    level,
    tsa: state.tsa,
  };
}

/** Encodes the state as plain JSON-safe values. */
export function encodeState(state: DecodedState): SignatureState {
  return {
    v: 1,
    pdf: state.pdf.toString('base64'),
    byteRange: state.byteRange,
    signedAttributes: state.signedAttributes.toString('base64'),
    hash: state.hash,
    scheme: state.scheme,
    certificateChain: state.certificateChain.map((c) => c.toString('base64')),
    level: state.level,
    ...(state.tsa ? { tsa: state.tsa } : {}),
  };
}
