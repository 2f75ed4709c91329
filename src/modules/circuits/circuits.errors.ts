import { DomainError, type FieldError, type ProblemCatalog } from '../../common/errors';

export enum CircuitErrorCode {
  NotFound = 'circuit-not-found',
  VersionNotFound = 'circuit-version-not-found',
  Invalid = 'circuit-invalid',
}

const CIRCUIT_PROBLEMS: ProblemCatalog<CircuitErrorCode> = {
  [CircuitErrorCode.NotFound]: { status: 404, title: 'Circuit not found' },
  [CircuitErrorCode.VersionNotFound]: { status: 404, title: 'Circuit version not found' },
  [CircuitErrorCode.Invalid]: { status: 422, title: 'Invalid circuit' },
};

export class CircuitError extends DomainError<CircuitErrorCode> {
  constructor(code: CircuitErrorCode, detail: string, fieldErrors?: FieldError[]) {
    super(code, CIRCUIT_PROBLEMS[code], detail, { fieldErrors });
  }
}

export function circuitNotFound(id: string): CircuitError {
  return new CircuitError(CircuitErrorCode.NotFound, `Aucun circuit avec l’identifiant ${id} dans votre collectivité.`);
}

export function circuitVersionNotFound(what: string): CircuitError {
  return new CircuitError(CircuitErrorCode.VersionNotFound, `Aucune version de circuit ${what} dans votre collectivité.`);
}

const LISTED_IN_DETAIL = 3;

/** The detail names the first problems (and their steps) so a person reading only it knows what to fix. */
export function circuitInvalid(fieldErrors: FieldError[]): CircuitError {
  const shown = fieldErrors.slice(0, LISTED_IN_DETAIL).map((error) => error.message.replace(/\.$/, '')).join(' ; ');
  const more = fieldErrors.length > LISTED_IN_DETAIL ? ` ; et ${fieldErrors.length - LISTED_IN_DETAIL} autre(s) problème(s)` : '';
  return new CircuitError(CircuitErrorCode.Invalid, `Le circuit est incohérent — ${shown}${more}. Corrigez puis enregistrez à nouveau (corrigez les étapes listées dans « errors »).`, fieldErrors);
}
