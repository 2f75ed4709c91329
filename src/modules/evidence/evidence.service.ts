import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth';
import { buildEvidence } from './build-evidence';
import type { EvidenceDto } from './dto/evidence.dto';
import { EvidenceSource } from './evidence-data';
import { renderEvidencePdf } from './evidence-pdf';
import { EvidenceError, EvidenceErrorCode } from './evidence.errors';

/** The bordereau de preuve of a folder, as JSON or as a PDF in French. */
@Injectable()
export class EvidenceService {
  constructor(private readonly source: EvidenceSource) {}

  async buildJson(ctx: AuthContext, folderId: string): Promise<EvidenceDto> {
    const data = await this.source.loadFolderEvidence(ctx, folderId);
    if (!data) throw new EvidenceError(EvidenceErrorCode.FolderNotFound, `Aucun dossier « ${folderId} » dans votre collectivité.`);
    return buildEvidence(data, new Date());
  }

  async buildPdf(ctx: AuthContext, folderId: string): Promise<Buffer> {
    return renderEvidencePdf(await this.buildJson(ctx, folderId));
  }
}
