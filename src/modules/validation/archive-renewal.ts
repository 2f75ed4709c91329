import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RuntimeInfo } from '../../common/process-role';
import { PdfDocument } from '../../pades/pdf/document';
import { readCms } from '../../pades/verify/cms-facts';
import { findSignatures, trimPadding } from '../../pades/verify/pdf-signatures';
import { DocumentsService } from '../documents/documents.service';
import { Folder } from '../folders/folder.entity';
import { FolderStatus } from '../folders/folder-state-machine';
import { JobDriver } from '../jobs/job-driver';
import { JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { nextParisHour, parisDay } from '../notifications/paris-time';
import { ArchiveTimestampService } from './archive-timestamp.service';

/** Renew when the last document time-stamp's TSA certificate expires within this many days. */
export const RENEWAL_MARGIN_DAYS = 90;
const RUN_HOUR = 3;
const DAY_MS = 86_400_000;

/** notAfter of the TSA certificate of the newest document time-stamp; undefined when the PDF has none. */
export function lastTimestampExpiry(pdf: Buffer): Date | undefined {
  const stamps = findSignatures(PdfDocument.open(pdf)).filter((s) => s.type === 'DocTimeStamp' && s.contents);
  const last = stamps[stamps.length - 1];
  const certificate = last?.contents && readCms(trimPadding(last.contents)).signerCertificate;
  return certificate ? new Date(new X509Certificate(certificate).validTo) : undefined;
}

/**
 * Daily (03:00 Europe/Paris): every main PDF of an archived folder whose latest version ends with
 * a document time-stamp whose TSA certificate expires within RENEWAL_MARGIN_DAYS gets an archive
 * time-stamp (new version). Documents without a document time-stamp (below B-LTA) are left alone.
 */
@Injectable()
export class ArchiveRenewal implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ArchiveRenewal');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly archive: ArchiveTimestampService,
    private readonly jobs: JobsService,
    private readonly driver: JobDriver,
    private readonly runtime: RuntimeInfo,
  ) {}

  onApplicationBootstrap(): void {
    if (this.driver.kind === 'inline' || this.runtime.runsJobHandlers) this.scheduleNext(new Date());
  }

  beforeApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  @JobHandler(JobName.ArchiveRenewTimestamps)
  async handle(payload: JobPayloads[JobName.ArchiveRenewTimestamps]): Promise<void> {
    const result = await this.renewDue(new Date(Date.now() + RENEWAL_MARGIN_DAYS * DAY_MS));
    this.logger.log({ date: payload.date, ...result }, 'Archive time-stamps renewed');
  }

  /** Renews every archived document whose last time-stamp certificate expires before `deadline`. */
  async renewDue(deadline: Date): Promise<{ renewed: number; failed: number }> {
    const folders = await this.dataSource.getRepository(Folder).find({ select: { id: true, tenantId: true }, where: { status: FolderStatus.Archived } });
    let renewed = 0;
    let failed = 0;
    for (const folder of folders) {
      const documents = await this.documents.mainDocumentsWithLatest(this.dataSource.manager, folder.tenantId, folder.id);
      for (const document of documents) {
        try {
          const content = await this.documents.content(this.dataSource.manager, folder.tenantId, folder.id, document.documentId, document.version);
          if (content.contentType !== 'application/pdf') continue;
          const expiry = lastTimestampExpiry(content.bytes);
          if (!expiry || expiry > deadline) continue;
          await this.archive.timestamp({ tenantId: folder.tenantId, kind: 'worker', id: 'archive-renewal' }, folder.id, document.documentId);
          renewed++;
        } catch (error) {
          failed++;
          this.logger.warn({ err: error, folderId: folder.id, documentId: document.documentId }, 'Archive time-stamp renewal failed; tried again tomorrow');
        }
      }
    }
    return { renewed, failed };
  }

  private scheduleNext(now: Date): void {
    const next = nextParisHour(now, RUN_HOUR);
    this.timer = setTimeout(() => {
      const date = parisDay(next);
      this.jobs
        .enqueue(JobName.ArchiveRenewTimestamps, { date }, { jobId: `archive-renew-${date}` })
        .catch((error: unknown) => this.logger.error({ err: error }, 'Could not enqueue the archive time-stamp renewal'))
        .finally(() => { if (this.timer) this.scheduleNext(new Date(Math.max(Date.now(), next.getTime()))); });
    }, next.getTime() - now.getTime());
    this.timer.unref();
  }
}
