import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import type { Observable } from 'rxjs';
import { CommonError, CommonErrorCode } from '../../../common/errors';
import { AppConfig } from '../../../config';
import { FolderError, FolderErrorCode } from '../folders.errors';
import { parseSize, sizeInFrench } from './upload-limit';

export const MAX_MAIN_DOCUMENTS = 20;
export const MAX_ANNEXES = 50;
const MAX_FIELD_BYTES = 1024 * 1024;

/** The parsed multipart request: the `folder` JSON part and the files by part name. */
export interface FolderUpload {
  folder: string | undefined;
  documents: Express.Multer.File[];
  annexes: Express.Multer.File[];
}

type UploadRequest = Request & { files?: Partial<Record<'documents' | 'annexes', Express.Multer.File[]>>; folderUpload?: FolderUpload };

/**
 * Reads POST /folders in memory with BODY_LIMIT_UPLOAD as the limit of the whole upload: 413 before
 * reading when Content-Length says so, or as soon as the parts exceed it. Every refusal is a French problem.
 */
@Injectable()
export class FolderUploadInterceptor implements NestInterceptor {
  private readonly limit: number;
  private readonly parse: RequestHandler;

  constructor(config: AppConfig) {
    this.limit = parseSize(config.bodyLimitUpload);
    this.parse = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: this.limit, files: MAX_MAIN_DOCUMENTS + MAX_ANNEXES, fields: 1, fieldSize: MAX_FIELD_BYTES, parts: MAX_MAIN_DOCUMENTS + MAX_ANNEXES + 1 },
    }).fields([{ name: 'documents', maxCount: MAX_MAIN_DOCUMENTS }, { name: 'annexes', maxCount: MAX_ANNEXES }]);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<UploadRequest>();
    if (!request.is('multipart/form-data')) {
      throw new CommonError(CommonErrorCode.UnsupportedMediaType, 'Envoyez le dossier en « multipart/form-data » : une partie « folder » (JSON) et des fichiers « documents » et « annexes ».');
    }
    await this.read(request, http.getResponse<Response>());
    const files = request.files ?? {};
    const upload: FolderUpload = { folder: (request.body as Record<string, string> | undefined)?.folder, documents: files.documents ?? [], annexes: files.annexes ?? [] };
    const total = [...upload.documents, ...upload.annexes].reduce((sum, file) => sum + file.size, 0);
    if (total > this.limit) throw this.tooLarge();
    request.folderUpload = upload;
    return next.handle();
  }

  private read(request: UploadRequest, response: Response): Promise<void> {
    return new Promise((resolve, reject) => {
      if (Number(request.headers['content-length'] ?? 0) > this.limit) {
        // Read and drop the body so the client sees the answer instead of a reset connection.
        request.on('end', () => reject(this.tooLarge()));
        request.on('error', () => reject(this.tooLarge()));
        request.resume();
        return;
      }
      this.parse(request, response, (error?: unknown) => (error === undefined ? resolve() : reject(this.problemOf(error))));
    });
  }

  /** `part`: the file part being read when the limit was crossed, when known. */
  private tooLarge(part?: string): FolderError {
    return new FolderError(FolderErrorCode.UploadTooLarge, `L’envoi dépasse la taille autorisée (${sizeInFrench(this.limit)} au total) : envoyez des fichiers plus petits ou moins de fichiers.`, {
      ...(part && { fieldErrors: [{ field: part, message: `upload larger than ${this.limit} bytes` }] }),
    });
  }

  private problemOf(error: unknown): FolderError {
    if (!(error instanceof MulterError)) {
      return new FolderError(FolderErrorCode.UploadInvalid, 'La requête multipart est mal formée : vérifiez l’en-tête Content-Type (boundary) et le corps.');
    }
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return this.tooLarge(error.field);
      case 'LIMIT_UNEXPECTED_FILE':
        if (error.field === 'folder') {
          return new FolderError(FolderErrorCode.UploadInvalid, 'La partie « folder » doit être un champ texte contenant le JSON du dossier, pas un fichier (avec curl : -F \'folder=<dossier.json\' plutôt que -F folder=@dossier.json).', {
            fieldErrors: [{ field: 'folder', message: 'folder must be a text field, not a file' }],
          });
        }
        return new FolderError(FolderErrorCode.UploadInvalid, `Partie « ${error.field ?? '?'} » inattendue ou en trop : les fichiers vont dans « documents » (au plus ${MAX_MAIN_DOCUMENTS}) ou « annexes » (au plus ${MAX_ANNEXES}).`, {
          fieldErrors: [{ field: error.field ?? 'files', message: 'unexpected file part' }],
        });
      case 'LIMIT_FIELD_VALUE':
        return new FolderError(FolderErrorCode.UploadTooLarge, 'La partie « folder » dépasse 1 Mo : réduisez les métadonnées.', {
          fieldErrors: [{ field: error.field ?? 'folder', message: `larger than ${MAX_FIELD_BYTES} bytes` }],
        });
      default:
        return new FolderError(FolderErrorCode.UploadInvalid, 'La requête multipart contient trop de parties ou une partie invalide : une partie « folder » (JSON), puis les fichiers « documents » et « annexes ».');
    }
  }
}

/** The upload the interceptor attached to the request. */
export function folderUploadOf(request: Request): FolderUpload {
  const upload = (request as UploadRequest).folderUpload;
  if (!upload) throw new Error('FolderUploadInterceptor did not run');
  return upload;
}
