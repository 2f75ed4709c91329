/** The handwritten-signature PNG as an image XObject whose alpha channel becomes an /SMask. */
import { deflateSync } from 'node:zlib';
// pdf-lib's PNG decoder (UPNG underneath) yields 8-bit RGB plus alpha for every PNG colour type.
import { PNG } from 'pdf-lib/cjs/utils/png';
import { PadesError, PadesErrorCode } from '../errors';
import { PdfDict, PdfName, PdfRef, PdfStream } from '../pdf/objects';
import type { ObjectSink } from './font';

export interface DecodedImage {
  width: number;
  height: number;
  rgb: Buffer;
  /** Absent when every pixel is opaque. */
  alpha?: Buffer;
}

/** Decodes a PNG; throws PadesError Unsupported on anything else. */
export function decodePng(bytes: Buffer): DecodedImage {
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) {
    throw new PadesError(PadesErrorCode.Unsupported, "l'image de signature doit être un PNG");
  }
  try {
    const png = PNG.load(bytes);
    return {
      width: png.width,
      height: png.height,
      rgb: Buffer.from(png.rgbChannel),
      alpha: png.alphaChannel ? Buffer.from(png.alphaChannel) : undefined,
    };
  } catch (cause) {
    throw new PadesError(PadesErrorCode.Unsupported, "l'image de signature PNG est illisible", { cause });
  }
}

const imageDict = (img: DecodedImage, colorSpace: string): PdfDict =>
  new PdfDict({
    Type: PdfName.of('XObject'),
    Subtype: PdfName.of('Image'),
    Width: img.width,
    Height: img.height,
    ColorSpace: PdfName.of(colorSpace),
    BitsPerComponent: 8,
    Filter: PdfName.of('FlateDecode'),
  });

/** Adds the image (and its soft mask) to `sink`; returns the image XObject's reference. */
export function writeImage(sink: ObjectSink, img: DecodedImage): PdfRef {
  const dict = imageDict(img, 'DeviceRGB');
  if (img.alpha) dict.set('SMask', sink.add(new PdfStream(imageDict(img, 'DeviceGray'), deflateSync(img.alpha))));
  return sink.add(new PdfStream(dict, deflateSync(img.rgb)));
}
