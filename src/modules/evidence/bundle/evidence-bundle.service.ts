import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ZipFile } from 'yazl';
import type { AuthContext } from '../../../common/auth';
import { DocumentsService } from '../../documents/documents.service';
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
  ) {}

  /** Throws the 404 problem before any byte when the tenant has no such folder. */
  async open(ctx: AuthContext, folderId: string): Promise<EvidenceBundle> {
    const evidence = await this.evidence.buildJson(ctx, folderId);
    const pdf = await renderEvidencePdf(evidence);
    const zip = new ZipFile();
    const stream = new PassThrough();
    zip.outputStream.pipe(stream);
    const state = { aborted: false };
    void this.fill(zip, ctx, evidence, pdf, state).catch((error: unknown) => {
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    const fileName = bundleFileName(evidence.folder);
    const abort = (): void => {
      state.aborted = true;
      stream.destroy();
    };
    return { fileName, disposition: attachmentDisposition(fileName), stream, abort };
  }

  private async fill(zip: ZipFile, ctx: AuthContext, evidence: EvidenceDto, pdf: Buffer, state: { aborted: boolean }): Promise<void> {
    const paths = new UniquePaths();
    const manifest: ManifestEntry[] = [];
    const add = (path: string, bytes: Buffer): void => {
      manifest.push({ path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
      zip.addBuffer(bytes, path);
    };
    for (const [index, document] of evidence.documents.entries()) {
      if (state.aborted) return;
      const latest = latestVersion(document);
      if (!latest) continue;
      const content = await this.documents.content(this.dataSource.manager, ctx.tenantId, evidence.folder.id, document.id, latest);
      const folder = document.role === 'main' ? 'documents' : 'annexes';
      add(paths.claim(folder, safeFileName(document.fileName, `${folder}-${index + 1}`)), content.bytes);
    }
    add('preuve/bordereau-de-preuve.pdf', pdf);
    add('preuve/preuve.json', Buffer.from(`${JSON.stringify(evidence, null, 2)}\n`, 'utf8'));
    const body = { folderId: evidence.folder.id, generatedAt: new Date().toISOString(), files: manifest };
    zip.addBuffer(Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8'), 'manifest.json');
    zip.end();
  }
}

function latestVersion(document: EvidenceDocumentDto): number | undefined {
  const numbers = document.versions.map((v) => v.version);
  return numbers.length > 0 ? Math.max(...numbers) : undefined;
}
