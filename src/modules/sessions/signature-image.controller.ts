import { Controller, Delete, Get, HttpCode, Put, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { Auth, CurrentAuth } from '../auth/auth.decorators';
import { SignatureImageDto, SignatureImageUploadDto } from './dto/signature-image.dto';
import { SignatureImageService } from './signature-image.service';
import { SIGNATURE_IMAGE_MAX_BYTES } from './signature-png';

const PNG_UPLOAD = FileInterceptor('file', { limits: { fileSize: SIGNATURE_IMAGE_MAX_BYTES, files: 1 } });

@ApiTags('People login')
@Auth()
@Controller(`${API_V1}/me/signature-image`)
export class SignatureImageController {
  constructor(private readonly images: SignatureImageService) {}

  /** Saves (or replaces) the person's handwritten signature; their next visible stamps print it. */
  @Put()
  @UseInterceptors(PNG_UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: SignatureImageUploadDto })
  @ApiOkResponse({ type: SignatureImageDto, description: 'Saved' })
  @ApiProblems(400, 403, 413, 422)
  save(@CurrentAuth() auth: AuthContext, @UploadedFile() file: { buffer: Buffer } | undefined): Promise<SignatureImageDto> {
    return this.images.save(auth, file?.buffer);
  }

  /** The saved PNG. */
  @Get()
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'The PNG', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(403, 404)
  async get(@CurrentAuth() auth: AuthContext, @Res() response: Response): Promise<void> {
    const image = await this.images.get(auth);
    response.setHeader('Content-Type', 'image/png');
    response.setHeader('Cache-Control', 'private, no-cache');
    response.setHeader('ETag', `"${image.sha256}"`);
    response.end(image.png);
  }

  /** Forgets it: stamps go back to text only. */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(403, 404)
  remove(@CurrentAuth() auth: AuthContext): Promise<void> {
    return this.images.remove(auth);
  }
}
