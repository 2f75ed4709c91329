import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PassThrough, pipeline, Readable, Transform } from 'node:stream';
import { DataSource } from 'typeorm';
import { ZipFile } from 'yazl';
import type { AuthContext } from '../../../common/auth';
import { DocumentsService } from '../../documents/documents.service';
import { ValidationService } from '../../validation/validation.service';
import type { EvidenceDocumentDto, EvidenceDto } from '../dto/evidence.dto';
import { renderEvidencePdf } from '../evidence-pdf';
import { EvidenceService } from '../evidence.service';
import { attachmentDisposition, bundleFileName, safeFileName, UniquePaths } from './bundle-names';

export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
}

/** A bundle ready to stream: its headers are known, its bytes come from `stream`. */
export interface EvidenceBundle {
  fileName: string;
  disposition: string;
  stream: Readable;
  /** Stops reading blobs (the client went away). */
  abort: () => void;
}

/** The ZIP of a folder: latest main PDFs, annexes, the bordereau (PDF and JSON) and a manifest. */
@Injectable()
export class EvidenceBundleService {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly documents: DocumentsService,
    private readonly dataSource: DataSource,
    private readonly validation: ValidationService,
  ) {}

  /** Throws the 404 problem before any byte when the tenant has no such folder. */
  async open(ctx: AuthContext, folderId: string): Promise<EvidenceBundle> {
    const evidence = await this.evidence.buildJson(ctx, folderId);
    const pdf = await renderEvidencePdf(evidence);
    const mains = evidence.documents.flatMap((d) => (d.role === 'main' && latestVersion(d) !== undefined ? [{ id: d.id, fileName: d.fileName, version: latestVersion(d) as number }] : []));
    const validation = await this.validation.folderReportsJson(ctx.tenantId, folderId, mains);
    const zip = new ZipFile();
    const stream = new PassThrough();
    zip.outputStream.pipe(stream);
    const state: FillState = { aborted: false };
    const fail = (error: unknown): void => {
      state.reading?.destroy();
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
    };
    zip.on('error', fail);
    this.fill(zip, ctx, evidence, pdf, state, fail, validation);
    const fileName = bundleFileName(evidence.folder);
    const abort = (): void => {
      state.aborted = true;
      state.reading?.destroy();
      stream.destroy();
    };
    return { fileName, disposition: attachmentDisposition(fileName), stream, abort };
  }

  /**
   * Queues every entry at once but reads nothing yet: yazl writes entries one after the other and
   * asks for a document's stream only when its turn comes, so one chunk of one blob is in memory
   * at a time (the response's backpressure paces the reads). The manifest, written last, is built
   * from the bytes as they went by.
   */
  private fill(zip: ZipFile, ctx: AuthContext, evidence: EvidenceDto, pdf: Buffer, state: FillState, fail: (error: unknown) => void, validation: Buffer): void {
    const paths = new UniquePaths();
    const manifest: ManifestEntry[] = [];
    for (const [index, document] of evidence.documents.entries()) {
      const latest = latestVersion(document);
      if (latest === undefined) continue;
      const folder = document.role === 'main' ? 'documents' : 'annexes';
      const path = paths.claim(folder, safeFileName(document.fileName, `${folder}-${index + 1}`));
      const slot = manifest.push({ path, sha256: '', size: 0 }) - 1;
      zip.addReadStreamLazy(path, (done) => {
        if (state.aborted) return;
        this.documents.contentStream(this.dataSource.manager, ctx.tenantId, evidence.folder.id, document.id, latest).then((content) => {
          state.reading = content.stream;
          const hashed = hashing((sha256, size) => { manifest[slot] = { path, sha256, size }; });
          pipeline(content.stream, hashed, (error) => { if (error) fail(error); });
          done(null, hashed);
        }, fail);
      });
    }
    const add = (path: string, bytes: Buffer): void => {
      manifest.push({ path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
      zip.addBuffer(bytes, path);
    };
    add('preuve/bordereau-de-preuve.pdf', pdf);
    add('preuve/preuve.json', Buffer.from(`${JSON.stringify(evidence, null, 2)}\n`, 'utf8'));
    add('preuve/rapport-de-validation.json', validation);
    zip.addReadStreamLazy('manifest.json', (done) => {
      const body = { folderId: evidence.folder.id, generatedAt: new Date().toISOString(), files: manifest };
      done(null, Readable.from([Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8')]));
    });
    zip.end();
  }
}

interface FillState {
  aborted: boolean;
  /** The blob being read, to stop it when the client goes away. */
  reading?: Readable;
}

/** Passes bytes through, then reports their SHA-256 and count. */
function hashing(onEnd: (sha256: string, size: number) => void): Transform {
  const hash = createHash('sha256');
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      onEnd(hash.digest('hex'), size);
      callback();
    },
  });
}

function latestVersion(document: EvidenceDocumentDto): number | undefined {
  const numbers = document.versions.map((v) => v.version);
  return numbers.length > 0 ? Math.max(...numbers) : undefined;
}
