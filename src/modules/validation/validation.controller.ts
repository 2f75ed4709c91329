import { Controller, HttpCode, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { AppConfig } from '../../config';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { parseSize } from '../folders/upload/upload-limit';
import { ValidationQueryDto } from './dto/validation-query.dto';
import { ValidationReportDto } from './dto/validation-report.dto';
import { readUploadedPdf } from './validation-upload';
import { renderValidationPdf } from './validation-report';
import { ValidationService } from './validation.service';

@ApiTags('Validation')
@Auth()
@RequireScopes(ApiScope.FoldersRead)
@Controller(`${API_V1}/validation`)
export class ValidationController {
  private readonly limit: number;

  constructor(
    private readonly validation: ValidationService,
    config: AppConfig,
  ) {
    this.limit = parseSize(config.bodyLimitUpload);
  }

  /**
   * Validates every signature and document time-stamp of any PDF (made here or elsewhere):
   * signer, claimed and time-stamped times, PAdES level, integrity, trust (the tenant's root and
   * TRUST_ANCHORS_FILE), revocation status at signing time from the embedded data, and what later
   * revisions changed. Send the PDF as the body (`application/pdf`) or as the `file` part of a
   * multipart form; at most BODY_LIMIT_UPLOAD.
   */
  @Post()
  @HttpCode(200)
  @ApiConsumes('application/pdf', 'multipart/form-data')
  @ApiBody({
    description: 'The PDF, raw or as the `file` part',
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({
    type: ValidationReportDto,
    description: 'The validation report (JSON; with ?format=pdf, the same report as a PDF in French)',
  })
  @ApiProblems(400, 413, 415, 422)
  async validate(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ValidationQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ValidationReportDto | StreamableFile> {
    const upload = await readUploadedPdf(request, response, this.limit);
    const report = await this.validation.validate(auth.tenantId, upload.bytes);
    if (query.format !== 'pdf') return report;
    const pdf = await renderValidationPdf(report, upload.fileName);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(pdf, { disposition: 'attachment; filename="rapport-de-validation.pdf"', length: pdf.length });
  }
}
