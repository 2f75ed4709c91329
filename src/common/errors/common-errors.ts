import { DomainError, type FieldError, type ProblemCatalog } from './domain-error';

/** Problems not owned by one feature: protocol-level failures and the generic HTTP statuses. */
export enum CommonErrorCode {
  ValidationFailed = 'validation-failed',
  MalformedJson = 'malformed-json',
  BadRequest = 'bad-request',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  NotFound = 'not-found',
  MethodNotAllowed = 'method-not-allowed',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload-too-large',
  UnsupportedMediaType = 'unsupported-media-type',
  UnprocessableContent = 'unprocessable-content',
  TooManyRequests = 'too-many-requests',
  InternalError = 'internal-error',
  ServiceUnavailable = 'service-unavailable',
}

export const COMMON_PROBLEMS: ProblemCatalog<CommonErrorCode> = {
  [CommonErrorCode.ValidationFailed]: { status: 400, title: 'Validation failed' },
  [CommonErrorCode.MalformedJson]: { status: 400, title: 'Malformed JSON body' },
  [CommonErrorCode.BadRequest]: { status: 400, title: 'Bad request' },
  [CommonErrorCode.Unauthorized]: { status: 401, title: 'Unauthorized' },
  [CommonErrorCode.Forbidden]: { status: 403, title: 'Forbidden' },
  [CommonErrorCode.NotFound]: { status: 404, title: 'Not found' },
  [CommonErrorCode.MethodNotAllowed]: { status: 405, title: 'Method not allowed' },
  [CommonErrorCode.Conflict]: { status: 409, title: 'Conflict' },
  [CommonErrorCode.PayloadTooLarge]: { status: 413, title: 'Payload too large' },
  [CommonErrorCode.UnsupportedMediaType]: { status: 415, title: 'Unsupported media type' },
  [CommonErrorCode.UnprocessableContent]: { status: 422, title: 'Unprocessable content' },
  [CommonErrorCode.TooManyRequests]: { status: 429, title: 'Too many requests' },
  [CommonErrorCode.InternalError]: { status: 500, title: 'Internal server error' },
  [CommonErrorCode.ServiceUnavailable]: { status: 503, title: 'Service unavailable' },
};

export class CommonError extends DomainError<CommonErrorCode> {
  constructor(code: CommonErrorCode, detail: string, options: { fieldErrors?: FieldError[]; cause?: unknown } = {}) {
    super(code, COMMON_PROBLEMS[code], detail, options);
  }
}

/** The generic code and French detail answered for a bare HTTP status (framework or library errors). */
export function commonErrorForStatus(status: number): { code: CommonErrorCode; detail: string } {
  switch (status) {
    case 400: return { code: CommonErrorCode.BadRequest, detail: 'La requête est invalide.' };
    case 401: return { code: CommonErrorCode.Unauthorized, detail: 'Authentification requise : envoyez « Authorization: Bearer <clé d’API> ».' };
    case 403: return { code: CommonErrorCode.Forbidden, detail: 'Vous n’avez pas les droits nécessaires pour cette opération.' };
    case 404: return { code: CommonErrorCode.NotFound, detail: 'Aucune ressource à cette adresse : vérifiez le chemin et l’identifiant.' };
    case 405: return { code: CommonErrorCode.MethodNotAllowed, detail: 'Cette méthode HTTP n’est pas acceptée à cette adresse.' };
    case 409: return { code: CommonErrorCode.Conflict, detail: 'La requête entre en conflit avec l’état actuel de la ressource.' };
    case 413: return { code: CommonErrorCode.PayloadTooLarge, detail: 'Le corps de la requête dépasse la taille autorisée : envoyez un contenu plus petit.' };
    case 415: return { code: CommonErrorCode.UnsupportedMediaType, detail: 'Type de contenu non pris en charge : envoyez « Content-Type: application/json ».' };
    case 422: return { code: CommonErrorCode.UnprocessableContent, detail: 'La requête est bien formée mais ne peut pas être traitée.' };
    case 429: return { code: CommonErrorCode.TooManyRequests, detail: 'Trop de requêtes : réessayez plus tard.' };
    case 503: return { code: CommonErrorCode.ServiceUnavailable, detail: 'Service momentanément indisponible : réessayez plus tard.' };
    default:
      return status >= 500
        ? { code: CommonErrorCode.InternalError, detail: 'Erreur interne : communiquez l’identifiant de corrélation au support.' }
        : { code: CommonErrorCode.BadRequest, detail: 'La requête est invalide.' };
  }
}
