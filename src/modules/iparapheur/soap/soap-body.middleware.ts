import { Injectable, type NestMiddleware } from '@nestjs/common';
import { type NextFunction, raw, type Request, type RequestHandler, type Response } from 'express';
import { toDomainError } from '../../../common/errors/to-problem';
import { AppConfig } from '../../../config';
import { parseSize } from '../../folders/upload/upload-limit';
import { apiKeyOfBasic } from './basic-auth.guard';

const ENVELOPE_MARGIN = 1024 * 1024;

/** Base64 makes documents 4/3 larger: the upload limit once encoded, plus room for the envelope. */
export function soapBodyLimit(uploadLimit: string): number {
  return Math.ceil((parseSize(uploadLimit) * 4) / 3) + ENVELOPE_MARGIN;
}

/** Reads SOAP bodies (text/xml, application/soap+xml, MTOM multipart/related) as bytes for the SOAP controller, once credentials are at least well formed. */
@Injectable()
export class SoapBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;

  constructor(config: AppConfig) {
    this.parse = raw({ limit: soapBodyLimit(config.bodyLimitUpload), type: () => true });
  }

  use(request: Request, response: Response, next: NextFunction): void {
    // Without well-formed credentials the guard answers 401: no reason to buffer up to the upload limit first.
    if (request.method !== 'POST' || !apiKeyOfBasic(request.headers.authorization)) {
      next();
      return;
    }
    void this.parse(request, response, (error?: unknown) => next(error === undefined ? undefined : (toDomainError(error) ?? error)));
  }
}
