import { HttpException } from '@nestjs/common';
import { CommonError, CommonErrorCode, commonErrorForStatus } from './common-errors';
import { DomainError } from './domain-error';

/** Errors raised by body-parser / http-errors carry a `type` and a `status`. */
interface HttpLibraryError {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
}

const BODY_PARSER_ERRORS: Record<string, () => CommonError> = {
  'entity.parse.failed': () =>
    new CommonError(CommonErrorCode.MalformedJson, 'Le corps de la requête n’est pas du JSON valide : corrigez sa syntaxe.'),
  'entity.too.large': () =>
    new CommonError(CommonErrorCode.PayloadTooLarge, 'Le corps de la requête dépasse la taille autorisée : envoyez un contenu plus petit.'),
  'encoding.unsupported': () =>
    new CommonError(CommonErrorCode.UnsupportedMediaType, 'Encodage du contenu non pris en charge : envoyez le corps sans compression.'),
  'charset.unsupported': () =>
    new CommonError(CommonErrorCode.UnsupportedMediaType, 'Jeu de caractères non pris en charge : envoyez le corps en UTF-8.'),
};

/**
 * Maps anything thrown during a request to a DomainError. Returns undefined for unexpected errors,
 * which the filter answers as a 500 and logs.
 */
export function toDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) return fromHttpException(error);
  if (typeof error === 'object' && error !== null) {
    const libraryError = error as HttpLibraryError;
    if (typeof libraryError.type === 'string' && BODY_PARSER_ERRORS[libraryError.type]) {
      return BODY_PARSER_ERRORS[libraryError.type]();
    }
    const status = typeof libraryError.status === 'number' ? libraryError.status : libraryError.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const { code, detail } = commonErrorForStatus(status);
      return new CommonError(code, detail, { cause: error });
    }
  }
  return undefined;
}

function fromHttpException(error: HttpException): DomainError | undefined {
  const status = error.getStatus();
  if (status >= 500) return undefined;
  // Nest wraps body-parser failures in a BadRequestException / PayloadTooLargeException; the cause tells which.
  const fromCause = error.cause === undefined ? undefined : toDomainError(error.cause);
  if (fromCause && fromCause.status === status) return fromCause;
  const { code, detail } = commonErrorForStatus(status);
  return new CommonError(code, detail, { cause: error });
}
