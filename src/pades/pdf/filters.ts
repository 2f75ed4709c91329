/** Stream filters: the decoders the reader needs (no image codecs). */
import { constants, inflateSync } from 'node:zlib';
import { PadesError, PadesErrorCode } from '../errors';
import { PdfDict, PdfName, type PdfObject } from './objects';

/** Predictor parameters of /DecodeParms. */
export interface PredictorParams {
  predictor: number;
  colors: number;
  bitsPerComponent: number;
  columns: number;
}

const num = (d: PdfDict | undefined, key: string, fallback: number): number => {
  const v = d?.get(key);
  return typeof v === 'number' ? v : fallback;
};

/**
 * Applies a chain of filters. `filter` and `params` are the (already resolved) /Filter and
 * /DecodeParms values. Image codecs throw PadesError(Unsupported).
 */
export function decodeFilters(data: Buffer, filter: PdfObject | undefined, params: PdfObject | undefined): Buffer {
  const filters = Array.isArray(filter) ? filter : filter === undefined || filter === null ? [] : [filter];
  const paramList = Array.isArray(params) ? params : [params];
  let out = data;
  filters.forEach((f, i) => {
    if (!(f instanceof PdfName)) throw new PadesError(PadesErrorCode.Unsupported, 'stream /Filter is not a name');
    const p = paramList[i];
    out = decodeOne(out, f.value, p instanceof PdfDict ? p : undefined);
  });
  return out;
}

function decodeOne(data: Buffer, name: string, params: PdfDict | undefined): Buffer {
  switch (name) {
    case 'FlateDecode':
    case 'Fl':
      return applyPredictor(inflate(data), params);
    case 'LZWDecode':
    case 'LZW':
      return applyPredictor(lzwDecode(data, num(params, 'EarlyChange', 1)), params);
    case 'ASCIIHexDecode':
    case 'AHx':
      return asciiHexDecode(data);
    case 'ASCII85Decode':
    case 'A85':
      return ascii85Decode(data);
    case 'RunLengthDecode':
    case 'RL':
      return runLengthDecode(data);
    case 'Crypt':
      return data;
    default:
      throw new PadesError(PadesErrorCode.Unsupported, `stream filter ${name} is not supported`);
  }
}

function inflate(data: Buffer): Buffer {
  try {
    return inflateSync(data);
  } catch {
    // Truncated zlib data (no end block) is common: keep what decodes.
  }
  try {
    return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    throw new PadesError(PadesErrorCode.XrefBroken, 'flux compressé (FlateDecode) endommagé', { cause: error });
  }
}

/** Undoes PNG (10–15) and TIFF (2) predictors; other values leave the data unchanged. */
export function applyPredictor(data: Buffer, params: PdfDict | undefined): Buffer {
  const p: PredictorParams = {
    predictor: num(params, 'Predictor', 1),
    colors: num(params, 'Colors', 1),
    bitsPerComponent: num(params, 'BitsPerComponent', 8),
    columns: num(params, 'Columns', 1),
  };
  if (p.predictor >= 10) return pngUnpredict(data, p);
  if (p.predictor === 2) return tiffUnpredict(data, p);
  return data;
}

function pngUnpredict(data: Buffer, p: PredictorParams): Buffer {
  const bpp = Math.max(1, Math.ceil((p.colors * p.bitsPerComponent) / 8));
  const rowLength = Math.ceil((p.colors * p.bitsPerComponent * p.columns) / 8);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)];
    const src = r * (rowLength + 1) + 1;
    const dst = r * rowLength;
    const prev = dst - rowLength;
    for (let i = 0; i < rowLength; i++) {
      const left = i >= bpp ? out[dst + i - bpp] : 0;
      const up = r > 0 ? out[prev + i] : 0;
      const upLeft = r > 0 && i >= bpp ? out[prev + i - bpp] : 0;
      out[dst + i] = (data[src + i] + pngPredict(type, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function pngPredict(type: number, left: number, up: number, upLeft: number): number {
  switch (type) {
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const base = left + up - upLeft;
      const pa = Math.abs(base - left);
      const pb = Math.abs(base - up);
      const pc = Math.abs(base - upLeft);
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      return 0;
  }
}

function tiffUnpredict(data: Buffer, p: PredictorParams): Buffer {
  if (p.bitsPerComponent !== 8) throw new PadesError(PadesErrorCode.Unsupported, 'TIFF predictor with BitsPerComponent other than 8');
  const out = Buffer.from(data);
  const rowLength = p.colors * p.columns;
  for (let row = 0; row + rowLength <= out.length; row += rowLength) {
    for (let i = p.colors; i < rowLength; i++) out[row + i] = (out[row + i] + out[row + i - p.colors]) & 0xff;
  }
  return out;
}

function asciiHexDecode(data: Buffer): Buffer {
  const text = data.toString('latin1');
  const end = text.indexOf('>');
  let digits = (end === -1 ? text : text.slice(0, end)).replace(/[^0-9a-fA-F]/g, '');
  if (digits.length % 2) digits += '0';
  return Buffer.from(digits, 'hex');
}

function ascii85Decode(data: Buffer): Buffer {
  const out: number[] = [];
  let group: number[] = [];
  let i = data[0] === 0x3c && data[1] === 0x7e ? 2 : 0;
  for (; i < data.length; i++) {
    const c = data[i];
    if (c === 0x7e) break;
    if (c === 0x7a && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    group.push(c - 33);
    if (group.length === 5) {
      pushA85(group, 4, out);
      group = [];
    }
  }
  if (group.length > 1) {
    const n = group.length - 1;
    while (group.length < 5) group.push(84);
    pushA85(group, n, out);
  }
  return Buffer.from(out);
}

function pushA85(group: number[], count: number, out: number[]): void {
  const value = group.reduce((acc, d) => acc * 85 + d, 0);
  for (let k = 0; k < count; k++) out.push(Math.floor(value / 256 ** (3 - k)) & 0xff);
}

function runLengthDecode(data: Buffer): Buffer {
  const out: Buffer[] = [];
  let i = 0;
  while (i < data.length) {
    const n = data[i++];
    if (n === 128) break;
    if (n < 128) {
      out.push(data.subarray(i, i + n + 1));
      i += n + 1;
    } else {
      out.push(Buffer.alloc(257 - n, data[i++]));
    }
  }
  return Buffer.concat(out);
}

/** LZW as in PDF (MSB-first codes, 9–12 bits, optional early change). */
export function lzwDecode(data: Buffer, earlyChange = 1): Buffer {
  const out: number[] = [];
  let dict: number[][] = [];
  const reset = (): void => {
    dict = [];
    for (let i = 0; i < 256; i++) dict.push([i]);
    dict.push([], []);
  };
  reset();
  let codeLength = 9;
  let bitBuffer = 0;
  let bitCount = 0;
  let previous: number[] | undefined;
  for (let i = 0; i < data.length; i++) {
    bitBuffer = ((bitBuffer << 8) | data[i]) >>> 0;
    bitCount += 8;
    while (bitCount >= codeLength) {
      const code = (bitBuffer >>> (bitCount - codeLength)) & ((1 << codeLength) - 1);
      bitCount -= codeLength;
      bitBuffer &= (1 << bitCount) - 1;
      if (code === 257) return Buffer.from(out);
      if (code === 256) {
        reset();
        codeLength = 9;
        previous = undefined;
        continue;
      }
      const entry = code < dict.length ? dict[code] : previous ? [...previous, previous[0]] : undefined;
      if (!entry) return Buffer.from(out);
      for (const b of entry) out.push(b);
      if (previous && dict.length < 4096) dict.push([...previous, entry[0]]);
      previous = entry;
      const next = dict.length + earlyChange;
      codeLength = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9;
    }
  }
  return Buffer.from(out);
}
