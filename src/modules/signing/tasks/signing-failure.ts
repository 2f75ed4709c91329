import { DomainError } from '../../../common/errors';
import { PadesError, PadesErrorCode } from '../../../pades';
import { KeyUnusableError } from '../keys/signing-key-loader';

export type FailureKind =
  /** Retrying cannot help: the task fails now with this French reason. */
  | { permanent: true; reason: string }
  /** The driver retries with backoff; `reason` is shown if every attempt fails. */
  | { permanent: false; reason: string };

const TRANSIENT_PADES = new Set<PadesErrorCode>([PadesErrorCode.TsaUnavailable, PadesErrorCode.TsaInvalidResponse]);

/** Sorts what a signing attempt threw into a failure to show now, or one to retry. */
export function classifySigningFailure(error: unknown): FailureKind {
  if (error instanceof KeyUnusableError) return { permanent: true, reason: error.message };
  // The folder or document refused the result (withdrawn meanwhile, version already written…).
  if (error instanceof DomainError) return { permanent: true, reason: error.detail };
  if (error instanceof PadesError) {
    if (TRANSIENT_PADES.has(error.code)) {
      return { permanent: false, reason: `Aucune autorité d’horodatage n’a donné de jeton valide (${error.code}) : relancez la signature plus tard.` };
    }
    return { permanent: true, reason: `Le document ne peut pas être signé (${error.code}) : ${error.message}` };
  }
  return { permanent: false, reason: 'Erreur technique pendant la signature : relancez-la ; si elle persiste, contactez l’administrateur.' };
}
