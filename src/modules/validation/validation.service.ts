import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config';
import { PadesError, PadesErrorCode, verifyPdf } from '../../pades';
import { PdfDocument } from '../../pades/pdf/document';
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
