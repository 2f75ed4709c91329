/**
 * A lazy, read-only view of a PDF: reads the cross-reference data at open, then parses only
 * the objects it is asked for. Never scans or copies the body of the file.
 */
import { PadesError, PadesErrorCode } from '../errors';
import { fieldsOf, docMdpPermissionOf, type FieldInfo, type SignatureFieldInfo } from './fields';
import { decodeFilters } from './filters';
import { Lexer } from './lexer';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfObject } from './objects';
import { pageAt, allPages, type PageInfo } from './pages';
import { Parser, PdfSyntaxError } from './parser';
import { revisionEnds } from './revision-ends';
import { readXref, type XrefData, type XrefEntry } from './xref';

/** Options of PdfDocument.open. */
export interface OpenOptions {
  /** Open encrypted files anyway (read-only inspection); default false: throw Encrypted. */
  allowEncrypted?: boolean;
}

interface ObjectStreamCache {
  data: Buffer;
  first: number;
  /** [objectNumber, relativeOffset] per index. */
  members: Array<[number, number]>;
}

const HEADER = Buffer.from('%PDF-');
const MAX_REF_HOPS = 32;

/** A PDF opened for reading; parses objects only when they are asked for. */
export class PdfDocument {
  /** Merged latest trailer (without /Prev, /XRefStm or xref-stream keys). */
  readonly trailer: PdfDict;
  readonly isEncrypted: boolean;
  private readonly cache = new Map<number, PdfObject>();
  private readonly objectStreams = new Map<number, ObjectStreamCache>();
  private readonly inProgress = new Set<number>();
  private parsed = 0;
  private repairs = 0;
  private pageList?: PageInfo[];
  private readonly headerVersion: string;

  private constructor(
    /** The file, as given (never modified). */
    readonly bytes: Buffer,
    /** Cross-reference data: entries, sections (newest first), last startxref. */
    readonly xref: XrefData,
    headerVersion: string,
  ) {
    this.trailer = xref.trailer;
    this.isEncrypted = this.trailer.has('Encrypt');
    this.headerVersion = headerVersion;
  }

  /** PDF version: the header's, raised by the catalog's /Version when that is higher. */
  get version(): string {
    const declared = this.catalog().get('Version');
    if (declared instanceof PdfName && /^\d\.\d$/.test(declared.value) && declared.value > this.headerVersion) return declared.value;
    return this.headerVersion;
  }

  /**
   * Opens a PDF. Throws PadesError NotPdf (no `%PDF-` header in the first KB), XrefBroken
   * (startxref or the objects the trailer needs are not where the file says), Encrypted.
   */
  static open(bytes: Buffer, options: OpenOptions = {}): PdfDocument {
    const headerAt = bytes.subarray(0, 1024).indexOf(HEADER);
    if (headerAt === -1) throw new PadesError(PadesErrorCode.NotPdf, "le fichier n'est pas un PDF (en-tête %PDF- absent)");
    const headerVersion = /^\d\.\d/.exec(bytes.toString('latin1', headerAt + 5, headerAt + 8))?.[0] ?? '1.4';
    const doc = new PdfDocument(bytes, readXref(bytes), headerVersion);
    if (doc.isEncrypted && !options.allowEncrypted) {
      throw new PadesError(PadesErrorCode.Encrypted, 'le PDF est chiffré (protégé par mot de passe) : il ne peut pas être signé');
    }
    doc.checkStructure();
    return doc;
  }

  /** The trailer's /Size, raised if the xref lists higher numbers: the first free object number. */
  get maxObjectNumber(): number {
    const size = this.trailer.get('Size');
    let max = typeof size === 'number' ? size : 0;
    for (const num of this.xref.entries.keys()) if (num >= max) max = num + 1;
    return max;
  }

  /** How many objects have been parsed so far (a laziness probe for tests and benchmarks). */
  get parsedObjectCount(): number {
    return this.parsed;
  }

  /**
   * How many streams read so far had a /Length that did not match their data (their
   * `endstream` had to be searched). Padding white space before `endstream` does not count.
   */
  get streamLengthRepairs(): number {
    return this.repairs;
  }

  /** The xref entry of an object number, if any. */
  entry(num: number): XrefEntry | undefined {
    return this.xref.entries.get(num);
  }

  /** The object `ref` designates; null when it does not exist (as the PDF spec says). Cached and shared: clone before changing it. */
  getObject(ref: PdfRef): PdfObject {
    const entry = this.xref.entries.get(ref.num);
    if (!entry || entry.type === 0) return null;
    if (entry.type === 1 && entry.gen !== ref.gen) return null;
    if (entry.type === 2 && ref.gen !== 0) return null;
    if (this.cache.has(ref.num)) return this.cache.get(ref.num) ?? null;
    if (this.inProgress.has(ref.num)) throw broken(`référence circulaire sur l'objet ${ref.num}`);
    this.inProgress.add(ref.num);
    try {
      const obj = entry.type === 1 ? this.parseAt(ref, entry.offset) : this.parseInObjectStream(ref, entry.stream, entry.index);
      this.cache.set(ref.num, obj);
      this.parsed++;
      return obj;
    } finally {
      this.inProgress.delete(ref.num);
    }
  }

  /** Follows references (a bounded number of hops) to a direct object. */
  resolve(obj: PdfObject | undefined): PdfObject {
    let current: PdfObject | undefined = obj;
    for (let hops = 0; current instanceof PdfRef; hops++) {
      if (hops >= MAX_REF_HOPS) throw broken('chaîne de références trop longue ou circulaire');
      current = this.getObject(current);
    }
    return current ?? null;
  }

  /** Resolves and returns a dict, or undefined when the value is something else. */
  resolveDict(obj: PdfObject | undefined): PdfDict | undefined {
    const value = this.resolve(obj);
    if (value instanceof PdfDict) return value;
    return value instanceof PdfStream ? value.dict : undefined;
  }

  /** Resolves and returns an array, or undefined. */
  resolveArray(obj: PdfObject | undefined): PdfObject[] | undefined {
    const value = this.resolve(obj);
    return Array.isArray(value) ? value : undefined;
  }

  /** The document catalog (/Root). */
  catalog(): PdfDict {
    const root = this.resolve(this.trailer.get('Root'));
    if (!(root instanceof PdfDict)) throw broken('catalogue (/Root) introuvable');
    return root;
  }

  /** The catalog's reference. */
  catalogRef(): PdfRef {
    const root = this.trailer.get('Root');
    if (!(root instanceof PdfRef)) throw broken('/Root du trailer n’est pas une référence');
    return root;
  }

  /** Number of pages from the root /Count (no walk). */
  pageCount(): number {
    const count = this.resolveDict(this.catalog().get('Pages'))?.get('Count');
    return typeof count === 'number' ? count : this.pages().length;
  }

  /** One page (0-based), walking only the path to it when the /Count values allow. */
  page(index: number): PageInfo {
    if (this.pageList) return this.pageList[index] ?? invalidPage(index);
    return pageAt(this, index) ?? this.pages()[index] ?? invalidPage(index);
  }

  /** All pages in order, with inherited boxes, rotation and resources (walks the whole tree once). */
  pages(): PageInfo[] {
    this.pageList ??= allPages(this);
    return this.pageList;
  }

  /** Decodes a stream's data through its /Filter chain (Unsupported for image codecs). */
  decodeStream(stream: PdfStream): Buffer {
    return decodeFilters(stream.data, this.resolve(stream.dict.get('Filter')), this.resolve(stream.dict.get('DecodeParms') ?? stream.dict.get('DP')));
  }

  /** Every terminal form field (AcroForm /Fields walked through /Kids, /FT inherited). */
  fields(): FieldInfo[] {
    return fieldsOf(this);
  }

  /** Signature fields only, with their state. */
  signatureFields(): SignatureFieldInfo[] {
    return this.fields().filter((f): f is SignatureFieldInfo => f.type === 'Sig');
  }

  /** /Perms /DocMDP → TransformParams /P of the certification signature (default 2); undefined when not certified. */
  docMdpPermission(): 1 | 2 | 3 | undefined {
    return docMdpPermissionOf(this);
  }

  /**
   * End offsets of every revision (after its `%%EOF` and EOL), oldest first. Scans the file
   * for `%%EOF` markers (meant for verification, which reads the whole file anyway).
   */
  revisions(): number[] {
    return revisionEnds(this.bytes, this.xref);
  }

  private parseAt(ref: PdfRef, offset: number): PdfObject {
    const parser = new Parser(this.bytes, offset, (lengthRef) => {
      if (this.inProgress.has(lengthRef.num)) return undefined;
      const length = this.resolve(lengthRef);
      return typeof length === 'number' ? length : undefined;
    });
    let indirect;
    try {
      indirect = parser.parseIndirectObject();
    } catch (error) {
      throw new PadesError(PadesErrorCode.XrefBroken, `objet ${ref.num} illisible à la position ${offset}`, { cause: error });
    }
    if (indirect.lengthRepaired) this.repairs++;
    if (!indirect.ref.equals(ref)) {
      throw broken(`la table de références place l'objet ${ref.num} à la position ${offset}, où se trouve l'objet ${indirect.ref.num}`);
    }
    return indirect.obj;
  }

  private parseInObjectStream(ref: PdfRef, streamNum: number, index: number): PdfObject {
    const container = this.objectStream(streamNum);
    const member = container.members[index];
    if (!member || member[0] !== ref.num) throw broken(`l'objet ${ref.num} n'est pas dans le flux d'objets ${streamNum}`);
    try {
      return new Parser(container.data, container.first + member[1]).parseObject();
    } catch (error) {
      throw new PadesError(PadesErrorCode.XrefBroken, `objet ${ref.num} illisible dans le flux d'objets ${streamNum}`, { cause: error });
    }
  }

  private objectStream(num: number): ObjectStreamCache {
    const cached = this.objectStreams.get(num);
    if (cached) return cached;
    const stream = this.getObject(new PdfRef(num, this.generationOf(num)));
    if (!(stream instanceof PdfStream)) throw broken(`le flux d'objets ${num} est introuvable`);
    const n = this.resolve(stream.dict.get('N'));
    const first = this.resolve(stream.dict.get('First'));
    if (stream.dict.name('Type') !== 'ObjStm' || typeof n !== 'number' || typeof first !== 'number') {
      throw broken(`l'objet ${num} n'est pas un flux d'objets valide`);
    }
    let data: Buffer;
    try {
      data = this.decodeStream(stream);
    } catch (error) {
      throw new PadesError(PadesErrorCode.XrefBroken, `flux d'objets ${num} indécodable`, { cause: error });
    }
    const result = { data, first, members: objectStreamHeader(data, n, num) };
    this.objectStreams.set(num, result);
    return result;
  }

  private generationOf(num: number): number {
    const entry = this.xref.entries.get(num);
    return entry?.type === 1 ? entry.gen : 0;
  }

  /** Refuses files whose catalog or page tree root is not where the xref says. */
  private checkStructure(): void {
    const root = this.trailer.get('Root');
    if (!(root instanceof PdfRef)) throw broken('le trailer n’a pas de /Root');
    const catalog = this.resolve(root);
    if (!(catalog instanceof PdfDict)) throw broken(`catalogue ${root.num} introuvable à la position indiquée`);
    const pages = catalog.get('Pages');
    if (!(pages instanceof PdfRef) || !(this.resolve(pages) instanceof PdfDict)) throw broken('arbre des pages (/Pages) introuvable');
  }
}

/** The `objNum offset` pairs at the start of an object stream. */
function objectStreamHeader(data: Buffer, n: number, num: number): Array<[number, number]> {
  const header = new Lexer(data, 0);
  const members: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const objNum = header.next();
    const offset = header.next();
    if (objNum.type !== 'number' || offset.type !== 'number') throw broken(`en-tête du flux d'objets ${num} illisible`);
    members.push([objNum.value, offset.value]);
  }
  return members;
}

function broken(message: string): PadesError {
  return new PadesError(PadesErrorCode.XrefBroken, message);
}

function invalidPage(index: number): never {
  throw new PadesError(PadesErrorCode.InvalidPlacement, `la page ${index + 1} n'existe pas`);
}

export { PdfSyntaxError };
export type { PageInfo, FieldInfo, SignatureFieldInfo };
