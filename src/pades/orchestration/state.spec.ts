import { PadesErrorCode } from '../errors';
import type { SignatureState } from '../types';
import { decodeState, encodeState, type DecodedState } from './state';

const decoded: DecodedState = {
  pdf: Buffer.from('%PDF-1.7 0123456789 <0000> end'),
  byteRange: [0, 20, 26, 4],
  signedAttributes: Buffer.from([0x31, 0x00]),
  hash: 'SHA-256',
  scheme: 'ECDSA',
  certificateChain: [Buffer.from([0x30, 0x00])],
  level: 'B-B',
};

function codeOf(state: unknown): string | undefined {
  try {
    decodeState(state as SignatureState);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('signature state codec', () => {
  it('survives a JSON round trip', () => {
    const state = JSON.parse(JSON.stringify(encodeState(decoded))) as SignatureState;
    expect(decodeState(state)).toEqual(decoded);
  });

  it.each([
    ['another version', { v: 2 }],
    ['a byte range that does not end at the end of the PDF', { byteRange: [0, 20, 26, 5] }],
    ['a byte range that does not start at 0', { byteRange: [1, 20, 26, 4] }],
    ['an unknown hash', { hash: 'MD5' }],
    ['an empty chain', { certificateChain: [] }],
    ['B-T without TSA URLs', { level: 'B-T' }],
    ['no signed attributes', { signedAttributes: '' }],
  ])('refuses %s with invalid_state', (_what, change) => {
    expect(codeOf({ ...encodeState(decoded), ...change })).toBe(PadesErrorCode.InvalidState);
  });
});
