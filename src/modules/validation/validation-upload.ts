/** Reads the PDF of POST /validation: a raw `application/pdf` body, or the `file` part of a multipart form; size-limited. */
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { sizeInFrench } from '../folders/upload/upload-limit';
import { ValidationError, ValidationErrorCode } from './validation.errors';

export interface UploadedPdf {
  bytes: Buffer;
  fileName?: string;
}

const tooLarge = (limit: number): ValidationError =>
  new ValidationError(ValidationErrorCode.TooLarge, `Le PDF dépasse la taille autorisée (${sizeInFrench(limit)}) : envoyez un fichier plus petit.`);

/** Drains the body (so the client reads the answer rather than a reset connection) and rejects. */
function refuseAfterDraining(request: Request, error: ValidationError): Promise<never> {
  return new Promise((_, reject) => {
    request.on('end', () => reject(error));
    request.on('error', () => reject(error));
    request.resume();
  });
}

function readRaw(request: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) failed = true;
      else chunks.push(chunk);
    });
    request.on('end', () => (failed ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}

function readMultipart(request: Request, response: Response, limit: number): Promise<UploadedPdf> {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: limit, files: 1, fields: 0, parts: 1 } }).single('file');
  return new Promise((resolve, reject) => {
    parse(request, response, (error?: unknown) => {
      if (error instanceof MulterError && error.code === 'LIMIT_FILE_SIZE') return reject(tooLarge(limit));
      if (error) {
        return reject(new ValidationError(ValidationErrorCode.NoFile, 'Formulaire multipart invalide : envoyez une seule partie fichier nommée « file » contenant le PDF.'));
      }
      const file = (request as Request & { file?: Express.Multer.File }).file;
      if (!file) return reject(new ValidationError(ValidationErrorCode.NoFile, 'Aucun fichier reçu : envoyez le PDF dans une partie nommée « file ».'));
      resolve({ bytes: file.buffer, fileName: file.originalname });
    });
  });
}

export async function readUploadedPdf(request: Request, response: Response, limit: number): Promise<UploadedPdf> {
  if (Number(request.headers['content-length'] ?? 0) > limit) return refuseAfterDraining(request, tooLarge(limit));
  let upload: UploadedPdf;
  if (request.is('multipart/form-data')) upload = await readMultipart(request, response, limit);
  else if (request.is('application/pdf') || request.is('application/octet-stream')) upload = { bytes: await readRaw(request, limit) };
  else {
    return refuseAfterDraining(
      request,
      new ValidationError(ValidationErrorCode.UnsupportedMediaType, 'Envoyez le PDF tel quel (« Content-Type: application/pdf ») ou dans une partie « file » d’un formulaire « multipart/form-data ».'),
    );
  }
  if (upload.bytes.length === 0) throw new ValidationError(ValidationErrorCode.NoFile, 'Le corps de la requête est vide : envoyez le PDF à valider.');
  return upload;
}
