import type { RoutedStep } from './circuit-steps';

/**
 * The route a folder takes: the circuit version it keeps and every step of that version, each
 * `included` or not for the folder's metadata (excluded steps carry `skippedReason`).
 */
export interface ResolvedRoute {
  circuitId: string;
  circuitVersionId: string;
  version: number;
  steps: RoutedStep[];
}
