export interface FieldError {
  field: string;
  message: string;
}

/** How one error code is answered over HTTP: the status and a short, stable English title. */
export interface ProblemDefinition {
  status: number;
  title: string;
}

export type ProblemCatalog<Code extends string> = Readonly<Record<Code, ProblemDefinition>>;

export const PROBLEM_TYPE_BASE = 'https://parapheur.fr/problems/';

/**
 * An expected failure of a use case. Each module declares its codes in an enum and a catalog; the
 * global filter turns the error into an RFC 9457 problem whose `type` ends with the code.
 * `detail` is French: it is shown to people and says what to fix.
 */
export class DomainError<Code extends string = string> extends Error {
  readonly status: number;
  readonly title: string;
  readonly fieldErrors?: FieldError[];

  constructor(
    readonly code: Code,
    definition: ProblemDefinition,
    readonly detail: string,
    options: { fieldErrors?: FieldError[]; cause?: unknown } = {},
  ) {
    super(`${code}: ${detail}`, { cause: options.cause });
    this.name = new.target.name;
    this.status = definition.status;
    this.title = definition.title;
    this.fieldErrors = options.fieldErrors;
  }
}
