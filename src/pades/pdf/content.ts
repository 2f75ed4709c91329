/** Content-stream tokenizer: operators with their operands, inline images included. */
import { isRegular, isWhitespace } from './lexer';
import { PdfDict, PdfStream, type PdfObject } from './objects';
import { Parser } from './parser';

/** One operation of a content stream. */
export interface ContentOperation {
  operator: string;
  operands: PdfObject[];
}

/**
 * Splits decoded content-stream bytes into operations. An inline image
 * (`BI <dict> ID <data> EI`) comes out as one operation `{ operator: 'BI', operands: [PdfStream] }`
 * whose stream holds the image dictionary (abbreviated keys as written) and the raw image bytes.
 * Tolerant: stray delimiters are skipped, a truncated stream ends the list.
 */
export function parseContentStream(bytes: Buffer): ContentOperation[] {
  const parser = new Parser(bytes, 0, undefined, false);
  const lexer = parser.lexer;
  const ops: ContentOperation[] = [];
  let operands: PdfObject[] = [];
  for (;;) {
    const token = lexer.next();
    if (token.type === 'eof') break;
    if (token.type === 'keyword' && token.value !== 'true' && token.value !== 'false' && token.value !== 'null') {
      if (token.value === 'BI') {
        const image = readInlineImage(parser);
        if (!image) break;
        ops.push({ operator: 'BI', operands: [image] });
      } else ops.push({ operator: token.value, operands });
      operands = [];
      continue;
    }
    try {
      operands.push(parser.fromToken(token));
    } catch {
      // A stray `]`, `>>` or an unterminated container: drop it like viewers do.
      if (token.type === 'delim') continue;
      break;
    }
  }
  return ops;
}

/** Reads an inline image after `BI`; undefined when the stream ends before `EI`. */
function readInlineImage(parser: Parser): PdfStream | undefined {
  const lexer = parser.lexer;
  const dict = new PdfDict();
  for (;;) {
    const token = lexer.next();
    if (token.type === 'eof') return undefined;
    if (token.type === 'keyword' && token.value === 'ID') break;
    if (token.type !== 'name') continue;
    try {
      dict.set(token.value, parser.parseObject());
    } catch {
      // A damaged image dictionary: stop here rather than misread the image data as operators.
      return undefined;
    }
  }
  const buf = lexer.buf;
  // Exactly one white-space byte separates ID from the data.
  const start = isWhitespace(buf[lexer.pos]) ? lexer.pos + 1 : lexer.pos;
  const declared = dict.get('L') ?? dict.get('Length');
  if (typeof declared === 'number' && declared >= 0 && start + declared <= buf.length) {
    const after = start + declared;
    const ei = buf.indexOf('EI', after, 'latin1');
    if (ei !== -1) {
      lexer.pos = ei + 2;
      return new PdfStream(dict, buf.subarray(start, after));
    }
  }
  let p = start;
  for (;;) {
    const ei = buf.indexOf('EI', p, 'latin1');
    if (ei === -1) return undefined;
    const before = buf[ei - 1];
    const after = ei + 2 >= buf.length ? 0x20 : buf[ei + 2];
    if (ei > start && isWhitespace(before) && !isRegular(after)) {
      lexer.pos = ei + 2;
      return new PdfStream(dict, buf.subarray(start, ei - 1));
    }
    p = ei + 1;
  }
}
