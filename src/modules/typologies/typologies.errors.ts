import { DomainError, type FieldError, type ProblemCatalog } from '../../common/errors';

export enum TypologyErrorCode {
  NotFound = 'typology-not-found',
  Taken = 'typology-taken',
  Invalid = 'typology-invalid',
  InUse = 'typology-in-use',
  Inactive = 'typology-inactive',
  MetadataInvalid = 'typology-metadata-invalid',
}

const TYPOLOGY_PROBLEMS: ProblemCatalog<TypologyErrorCode> = {
  [TypologyErrorCode.NotFound]: { status: 404, title: 'Typology not found' },
  [TypologyErrorCode.Taken]: { status: 409, title: 'Typology already exists' },
  [TypologyErrorCode.Invalid]: { status: 422, title: 'Invalid typology' },
  [TypologyErrorCode.InUse]: { status: 409, title: 'Typology in use' },
  [TypologyErrorCode.Inactive]: { status: 422, title: 'Typology inactive' },
  [TypologyErrorCode.MetadataInvalid]: { status: 422, title: 'Invalid metadata' },
};

export class TypologyError extends DomainError<TypologyErrorCode> {
  constructor(code: TypologyErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, TYPOLOGY_PROBLEMS[code], detail, { fieldErrors });
  }
}

export function typologyNotFound(id: string): TypologyError {
  return new TypologyError(TypologyErrorCode.NotFound, `Aucune typologie avec l’identifiant ${id} dans votre collectivité.`);
}

export function typologyTaken(type: string, subtype: string): TypologyError {
  return new TypologyError(TypologyErrorCode.Taken, `La typologie « ${type} / ${subtype} » existe déjà : modifiez-la ou choisissez un autre sous-type.`);
}

/** PostgreSQL unique_violation, raised when two requests race past our own check. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
