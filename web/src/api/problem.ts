import { fr } from '../i18n/fr';

export interface FieldProblem {
  field: string;
  message: string;
}

/** RFC 9457 problem details as the API sends them; `detail` is French and meant for people. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  correlationId?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  get status(): number {
    return this.problem.status;
  }

  /** The stable code at the end of the problem `type` URI (e.g. `totp_required`). */
  get code(): string {
    const type = this.problem.type ?? '';
    return type.slice(type.lastIndexOf('/') + 1);
  }
}

export class NetworkError extends Error {
  constructor() {
    super(fr.app.networkError);
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'number';
}

export function toProblem(status: number, body: unknown): Problem {
  if (isProblem(body)) return body;
  return { status, detail: status === 401 ? fr.app.sessionExpired : fr.app.genericError };
}

/** What to show a person for any error: the French `detail` when the API gave one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? fr.app.genericError;
  if (error instanceof NetworkError) return error.message;
  return fr.app.genericError;
}
