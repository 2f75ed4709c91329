import { Injectable, type NestMiddleware } from '@nestjs/common';
import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { AppConfig } from '../../config';
import { CommonError, CommonErrorCode } from '../errors/common-errors';
import { toDomainError } from '../errors/to-problem';

const JSON_TYPES = ['application/json', 'application/*+json'];
/** JSON, `+json` types, and multipart uploads (parsed by the upload routes of later features). */
const ACCEPTED_MEDIA_TYPE = /^(application\/json|application\/[a-z0-9.+-]+\+json|multipart\/form-data)$/;

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

function mediaTypeOf(request: Request): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Parses JSON bodies up to BODY_LIMIT_JSON, as Nest middleware so it runs after the request logger:
 * refused bodies (415, 413, malformed JSON) get a log line and a request id like any other request.
 * Its errors become DomainErrors here, before Nest would reduce them to a bare 400.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;

  constructor(config: AppConfig) {
    this.parse = json({ limit: config.bodyLimitJson, type: JSON_TYPES });
  }

  use(request: Request, response: Response, next: NextFunction): void {
    if (hasBody(request) && !ACCEPTED_MEDIA_TYPE.test(mediaTypeOf(request))) {
      next(
        new CommonError(
          CommonErrorCode.UnsupportedMediaType,
          `Type de contenu « ${mediaTypeOf(request) || 'absent'} » non pris en charge : envoyez « Content-Type: application/json », ou « multipart/form-data » sur les routes qui reçoivent des fichiers (POST /api/v1/folders).`,
        ),
      );
      return;
    }
    void this.parse(request, response, (error?: unknown) => next(error === undefined ? undefined : (toDomainError(error) ?? error)));
  }
}
