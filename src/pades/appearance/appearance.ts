/**
 * The stamp's appearance: a Form XObject drawn upright in [0 0 w h] and turned by its /Matrix
 * for rotated pages. It lives only in the widget's /AP, never in page content, so a later
 * stamp cannot change what an earlier signature covers.
 */
import { deflateSync } from 'node:zlib';
import type * as fontkit from 'fontkit';
import { PdfDict, PdfName, PdfRef, PdfStream, formatNumber, serialize } from '../pdf/objects';
import { formMatrix, type Rotation } from './geometry';
import { FontSubset, type ObjectSink } from './font';
import { writeImage, type DecodedImage } from './image';
import type { StampLayout } from './layout';

export interface AppearanceInput {
  /** Size as the reader sees it. */
  width: number;
  height: number;
  /** The page's /Rotate: the form is turned so the stamp reads upright. */
  rotate: Rotation;
  layout: StampLayout;
  font: fontkit.Font;
  image?: DecodedImage;
}

const BORDER = 0.8;
const INK = '0.12 0.12 0.12';
const ACCENT = '0.13 0.27 0.47';
const f = formatNumber;
const fx = (n: number): string => formatNumber(Math.round(n * 100) / 100);

/** Writes the form (font, image, content) into `sink` and returns the form's reference. */
export function writeAppearance(sink: ObjectSink, input: AppearanceInput): PdfRef {
  const { width: w, height: h, layout } = input;
  const subset = new FontSubset(input.font);
  const ops: string[] = [
    'q',
    `1 1 1 rg 0 0 ${f(w)} ${f(h)} re f`,
    `${ACCENT} RG ${f(BORDER)} w ${f(BORDER / 2)} ${f(BORDER / 2)} ${fx(w - BORDER)} ${fx(h - BORDER)} re S`,
  ];
  const xobjects = new PdfDict();
  if (input.image && layout.image) {
    const im = layout.image;
    xobjects.set('Im0', writeImage(sink, input.image));
    ops.push(`q ${fx(im.width)} 0 0 ${fx(im.height)} ${fx(im.x)} ${fx(im.y)} cm /Im0 Do Q`);
  }
  ops.push('BT');
  layout.texts.forEach((t, i) => {
    const color = i === 0 ? ACCENT : INK;
    ops.push(`${color} rg /F0 ${fx(t.size)} Tf 1 0 0 1 ${fx(t.x)} ${fx(t.y)} Tm ${serialize(subset.encode(t.text)).toString('latin1')} Tj`);
  });
  ops.push('ET', 'Q');
  const resources = new PdfDict({ Font: new PdfDict({ F0: subset.write(sink) }) });
  if (xobjects.has('Im0')) resources.set('XObject', xobjects);
  const form = new PdfDict({
    Type: PdfName.of('XObject'),
    Subtype: PdfName.of('Form'),
    BBox: [0, 0, w, h],
    Matrix: formMatrix(input.rotate, w, h),
    Resources: resources,
    Filter: PdfName.of('FlateDecode'),
  });
  return sink.add(new PdfStream(form, deflateSync(Buffer.from(ops.join('\n'), 'latin1'))));
}
