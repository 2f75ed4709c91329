import { Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems, CommonError, CommonErrorCode } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { CreateFolderRequestDto } from './dto/create-folder.dto';
import { FolderDto, FolderPageDto } from './dto/folder.dto';
import { ListFoldersQueryDto } from './dto/list-folders.query';
import { FolderQueriesService } from './folder-queries.service';
import { folderUploadOf, FolderUploadInterceptor } from './upload/folder-upload.interceptor';
import { HandlesOwnIdempotency } from '../idempotency/idempotency.decorators';
import { idempotencyKeyOf } from './upload/idempotency';
import { CreateFolderService } from './use-cases/create-folder.service';

const versionPipe = new ParseIntPipe({
  exceptionFactory: () => new CommonError(CommonErrorCode.ValidationFailed, 'Le paramètre « version » doit être un entier (1 = le fichier déposé).', { fieldErrors: [{ field: 'version', message: 'version must be an integer' }] }),
});

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@ApiTags('Folders')
@Auth()
@Controller(`${API_V1}/folders`)
export class FoldersController {
  constructor(
    private readonly creator: CreateFolderService,
    private readonly queries: FolderQueriesService,
  ) {}

  /** Creates a draft folder (started at once with `start: true`) from one multipart request. */
  @Post()
  @RequireScopes(ApiScope.FoldersWrite)
  @HandlesOwnIdempotency()
  @UseInterceptors(FolderUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: CreateFolderRequestDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and same request: the same folder is answered again; another request with a used key: 422', example: '5f0c7a0e-2b7d-4f7e-9a57-6f2c2d3b9a10' })
  @ApiCreatedResponse({ type: FolderDto, description: 'The folder, with its documents (SHA-256 of each) and, when started, its route' })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  async createFolder(@CurrentAuth() auth: AuthContext, @Req() request: Request): Promise<FolderDto> {
    // Read from the request, not @Headers(): Swagger would publish a second, required header.
    const id = await this.creator.create(auth, folderUploadOf(request), idempotencyKeyOf(request.header('idempotency-key')));
    return this.queries.get(auth, id);
  }

  /** Folders of the tenant, newest first, with filters and per-desk views; cursor pagination. */
  @Get()
  @RequireScopes(ApiScope.FoldersRead)
  @ApiOkResponse({ type: FolderPageDto, description: 'One page of folders' })
  @ApiProblems(400)
  listFolders(@CurrentAuth() auth: AuthContext, @Query() query: ListFoldersQueryDto): Promise<FolderPageDto> {
    return this.queries.list(auth, query);
  }

  /** One folder: steps with their state and actors, documents with versions and SHA-256, comments. */
  @Get(':id')
  @RequireScopes(ApiScope.FoldersRead)
  @ApiOkResponse({ type: FolderDto, description: 'The folder' })
  @ApiProblems(400, 404)
  getFolder(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<FolderDto> {
    return this.queries.get(auth, id);
  }

  /** The bytes of one version of a document (1 = as uploaded; each signature adds one). */
  @Get(':id/documents/:documentId/versions/:version/content')
  @HttpCode(200)
  @Header('Cache-Control', 'private, no-cache')
  @RequireScopes(ApiScope.FoldersRead)
  @ApiParam({ name: 'version', type: Number, description: 'Version number (1 = the upload)', example: 1 })
  @ApiProduces('application/pdf', 'application/octet-stream')
  @ApiOkResponse({ description: 'The file; ETag is its SHA-256', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404)
  async downloadDocumentVersion(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('id') id: string,
    @UuidParam('documentId') documentId: string,
    @Param('version', versionPipe) version: number,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile | undefined> {
    const content = await this.queries.contentStream(auth, id, documentId, version);
    const etag = `"${content.sha256}"`;
    response.setHeader('ETag', etag);
    if (request.headers['if-none-match'] === etag) {
      content.stream.destroy();
      response.status(304);
      return undefined;
    }
    return new StreamableFile(content.stream, { type: content.contentType, disposition: contentDisposition(content.fileName), length: content.size });
  }
}
