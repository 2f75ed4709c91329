import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config';
import { PadesError, PadesErrorCode, verifyPdf } from '../../pades';
import { PdfDocument } from '../../pades/pdf/document';
import { DocumentsService } from '../documents/documents.service';
import { TenantCa } from '../signing/keys/tenant-ca.entity';
import type { ValidationReportDto } from './dto/validation-report.dto';
import { ValidationError, ValidationErrorCode } from './validation.errors';
import { toReportDto } from './validation-report';

/** Validation reports of any PDF: trust = the tenant's root + the TRUST_ANCHORS_FILE anchors. */
@Injectable()
export class ValidationService {
  private readonly logger = new Logger(ValidationService.name);
  private fileAnchors?: Buffer[];

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
  ) {}

  /** The PEM file named by TRUST_ANCHORS_FILE, read once (unreadable: logged, no extra anchors). */
  private anchorsFromFile(): Buffer[] {
    if (this.fileAnchors) return this.fileAnchors;
    this.fileAnchors = [];
    if (this.config.trustAnchorsFile) {
      try {
        this.fileAnchors = [readFileSync(this.config.trustAnchorsFile)];
      } catch (error) {
        this.logger.warn({ file: this.config.trustAnchorsFile, err: error }, 'TRUST_ANCHORS_FILE unreadable: validation uses the tenant roots only');
      }
    }
    return this.fileAnchors;
  }

  async trustAnchors(tenantId: string): Promise<Buffer[]> {
    const ca = await this.dataSource.getRepository(TenantCa).findOne({ select: { id: true, rootCertificatePem: true }, where: { tenantId } });
    return [...(ca ? [Buffer.from(ca.rootCertificatePem)] : []), ...this.anchorsFromFile()];
  }

  /**
   * The validation reports of a folder's main documents (latest versions), as one JSON file for
   * the evidence bundle. Each PDF is read whole, one at a time; a document that is not a readable
   * PDF (e.g. a PES XML flow) gets its refusal instead of a report.
   */
  async folderReportsJson(tenantId: string, folderId: string, documents: ReadonlyArray<{ id: string; fileName: string; version: number }>): Promise<Buffer> {
    const reports = [];
    for (const document of documents) {
      const content = await this.documents.content(this.dataSource.manager, tenantId, folderId, document.id, document.version);
      try {
        reports.push({ documentId: document.id, fileName: document.fileName, version: document.version, report: await this.validate(tenantId, content.bytes) });
      } catch (error) {
        reports.push({ documentId: document.id, fileName: document.fileName, version: document.version, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return Buffer.from(`${JSON.stringify({ folderId, documents: reports }, null, 2)}\n`, 'utf8');
  }

  async validate(tenantId: string, bytes: Buffer): Promise<ValidationReportDto> {
    const anchors = await this.trustAnchors(tenantId);
    try {
      const doc = PdfDocument.open(bytes);
      const report = await verifyPdf(bytes, { trustAnchors: anchors });
      return toReportDto(bytes, report, doc.revisions(), new Date());
    } catch (error) {
      throw problemOf(error);
    }
  }
}

function problemOf(error: unknown): unknown {
  if (!(error instanceof PadesError)) return error;
  switch (error.code) {
    case PadesErrorCode.NotPdf:
      return new ValidationError(ValidationErrorCode.NotPdf, 'Le fichier envoyé n’est pas un PDF (en-tête %PDF- absent) : envoyez le document PDF signé.');
    case PadesErrorCode.Encrypted:
      return new ValidationError(ValidationErrorCode.Encrypted, 'Le PDF est chiffré (protégé par mot de passe) : envoyez une version non chiffrée.');
    default:
      return new ValidationError(ValidationErrorCode.Malformed, `Le PDF est illisible (${error.code}) : ${error.message}. Envoyez le fichier d’origine, non réparé ni modifié.`);
  }
}
