import { parseContentStream } from './content';
import { Lexer } from './lexer';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, serialize } from './objects';
import { parseObjectAt, Parser } from './parser';

const parse = (text: string) => parseObjectAt(Buffer.from(text, 'latin1'));
const str = (text: string) => {
  const o = parse(text);
  if (!(o instanceof PdfString)) throw new Error('not a string');
  return o;
};

describe('lexer and parser', () => {
  it('reads every number form', () => {
    expect(parse('[12 -3 .5 -.5 +1 4. 0.25 -0]')).toEqual([12, -3, 0.5, -0.5, 1, 4, 0.25, -0]);
  });

  it('decodes #xx in names and interns them', () => {
    expect(parse('/A#20B#2fC')).toBe(PdfName.of('A B/C'));
    expect(parse('/Type')).toBe(PdfName.of('Type'));
  });

  it('re-serializes non-ASCII names to the same bytes', () => {
    const raw = Buffer.from('/Caf#E9', 'latin1');
    expect(serialize(parseObjectAt(raw)).toString('latin1')).toBe('/Caf#e9');
  });

  it('reads literal strings with nested parens, escapes, octal and continuations', () => {
    expect(str('(a(b)c)').bytes.toString('latin1')).toBe('a(b)c');
    expect(str('(\\n\\r\\t\\b\\f\\(\\)\\\\)').bytes).toEqual(Buffer.from('\n\r\t\b\f()\\', 'latin1'));
    expect(str('(\\101\\0618\\7)').bytes).toEqual(Buffer.from([0x41, 0x31, 0x38, 0x07]));
    expect(str('(ab\\\ncd\\\r\nef)').bytes.toString()).toBe('abcdef');
    expect(str('(a\r\nb\rc)').bytes.toString()).toBe('a\nb\nc');
    expect(str('(\\q)').bytes.toString()).toBe('q');
  });

  it('reads hex strings with white space and an odd digit count', () => {
    const s = str('<48 65\n6C6c 6>');
    expect(s.bytes).toEqual(Buffer.from([0x48, 0x65, 0x6c, 0x6c, 0x60]));
    expect(s.hex).toBe(true);
  });

  it('reads arrays, dicts, refs, booleans and null, skipping comments and odd white space', () => {
    const o = parse('<< /A [1 0 R 2 3] %comment\n\0/B\f<</C true /D null /E false>> /F 5 0 R >>');
    expect(o).toBeInstanceOf(PdfDict);
    const d = o as PdfDict;
    const a = d.get('A') as unknown[];
    expect(a[0]).toEqual(new PdfRef(1, 0));
    expect(a.slice(1)).toEqual([2, 3]);
    expect((d.get('B') as PdfDict).get('C')).toBe(true);
    expect((d.get('B') as PdfDict).has('D')).toBe(false);
    expect(d.get('F')).toEqual(new PdfRef(5, 0));
  });

  it('reads an indirect stream with a direct Length', () => {
    const buf = Buffer.from('7 0 obj\n<< /Length 5 >>\nstream\r\nhello\nendstream\nendobj\n');
    const r = new Parser(buf).parseIndirectObject();
    expect(r.ref).toEqual(new PdfRef(7, 0));
    expect((r.obj as PdfStream).data.toString()).toBe('hello');
    expect(r.lengthRepaired).toBe(false);
    expect(buf.subarray(r.end - 6, r.end).toString()).toBe('endobj');
  });

  it('reads a stream with an indirect Length, and repairs a wrong one', () => {
    const buf = Buffer.from('1 0 obj <</Length 9 0 R>> stream\nabc\nendstream endobj');
    expect((new Parser(buf, 0, () => 3).parseIndirectObject().obj as PdfStream).data.toString()).toBe('abc');
    const bad = new Parser(buf, 0, () => 7).parseIndirectObject();
    expect((bad.obj as PdfStream).data.toString()).toBe('abc');
    expect(bad.lengthRepaired).toBe(true);
  });

  it('does not call a Length that only misses padding white space a repair', () => {
    const buf = Buffer.from('1 0 obj <</Length 3>> stream\nabc  \r\n endstream endobj');
    expect(new Parser(buf).parseIndirectObject().lengthRepaired).toBe(false);
  });

  it('lexes keywords and delimiters', () => {
    const lexer = new Lexer(Buffer.from('obj{}endobj'));
    expect([lexer.next(), lexer.next(), lexer.next(), lexer.next()]).toEqual([
      { type: 'keyword', value: 'obj' },
      { type: 'delim', value: '{' },
      { type: 'delim', value: '}' },
      { type: 'keyword', value: 'endobj' },
    ]);
  });
});

describe('parseContentStream', () => {
  it('groups operands with their operator', () => {
    const ops = parseContentStream(Buffer.from('q 1 0 0 1 10 20 cm BT /F1 12 Tf (Hi) Tj [(a) -20 (b)] TJ ET Q'));
    expect(ops.map((o) => o.operator)).toEqual(['q', 'cm', 'BT', 'Tf', 'Tj', 'TJ', 'ET', 'Q']);
    expect(ops[1].operands).toEqual([1, 0, 0, 1, 10, 20]);
    expect(ops[3].operands[0]).toBe(PdfName.of('F1'));
  });

  it('reads inline images with binary data containing EI-like bytes', () => {
    const data = Buffer.from([0x45, 0x49, 0x00, 0xff, 0x20, 0x45, 0x49, 0x41]);
    const bytes = Buffer.concat([Buffer.from('q BI /W 2 /H 2 /BPC 8 /CS /G ID '), data, Buffer.from(' EI Q')]);
    const ops = parseContentStream(bytes);
    expect(ops.map((o) => o.operator)).toEqual(['q', 'BI', 'Q']);
    const image = ops[1].operands[0] as PdfStream;
    expect(image.dict.get('W')).toBe(2);
    expect(image.data).toEqual(data);
  });

  it('never throws on damaged content (seeded random token soup)', () => {
    let state = 7;
    const rand = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = ['BI', 'ID', 'EI', '/W', '1', '[', ']', '<<', '>>', '(', ')', '<', '>', 'q', 'Q', ' ', '\n', '%', '{', '}', 'Tj', '\\', 'R', '.5'];
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(rand() < 0.5 ? ' ' : '');
      expect(() => parseContentStream(Buffer.from(text))).not.toThrow();
    }
  });

  it('does not read "1 0 R" as a reference in content', () => {
    expect(parseContentStream(Buffer.from('1 0 RG'))[0]).toEqual({ operator: 'RG', operands: [1, 0] });
  });
});
