import { crc32 } from 'node:zlib';
import { decodePng } from '../../pades/appearance/image';

/** Upload limit of a handwritten signature (the pad's PNG is typically 10-40 KB). */
export const SIGNATURE_IMAGE_MAX_BYTES = 256 * 1024;
export const SIGNATURE_IMAGE_MAX_PIXELS = { width: 2000, height: 1000 };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type PngCheck = { ok: true; width: number; height: number } | { ok: false; reason: string };

/**
 * Whether `bytes` is a real PNG we can print: the 8-byte signature, well-formed chunks with valid
 * CRCs (IHDR first, IDAT present, IEND last), a sensible size, and pixels that decode.
 */
export function checkSignaturePng(bytes: Buffer): PngCheck {
  if (bytes.length < PNG_SIGNATURE.length + 12 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return { ok: false, reason: 'ce fichier n’est pas une image PNG' };
  const chunks: string[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) return { ok: false, reason: 'le PNG est tronqué' };
    const length = bytes.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) return { ok: false, reason: 'le PNG est tronqué' };
    const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndData) !== bytes.readUInt32BE(offset + 8 + length)) return { ok: false, reason: 'le PNG est corrompu (somme de contrôle)' };
    chunks.push(typeAndData.subarray(0, 4).toString('latin1'));
    offset = end;
    if (chunks[chunks.length - 1] === 'IEND') break;
  }
  if (chunks[0] !== 'IHDR' || chunks[chunks.length - 1] !== 'IEND' || !chunks.includes('IDAT')) return { ok: false, reason: 'le PNG est incomplet (IHDR, IDAT, IEND)' };
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width < 1 || height < 1 || width > SIGNATURE_IMAGE_MAX_PIXELS.width || height > SIGNATURE_IMAGE_MAX_PIXELS.height) {
    return { ok: false, reason: `l’image doit mesurer au plus ${SIGNATURE_IMAGE_MAX_PIXELS.width} × ${SIGNATURE_IMAGE_MAX_PIXELS.height} pixels (reçu ${width} × ${height})` };
  }
  try {
    decodePng(bytes);
  } catch {
    return { ok: false, reason: 'les pixels du PNG sont illisibles' };
  }
  return { ok: true, width, height };
}
