import type { AuthContext } from '../../../common/auth';
import type { Quorum, StepKind } from '../folder-state-machine';
import type { FolderMetadata } from '../folder.entity';

export interface ResolvedRouteStep {
  position: number;
  kind: StepKind;
  deskIds: string[];
  quorum: Quorum;
  name?: string;
  /** false: the step's condition excludes it for this metadata (recorded as skipped). Default true. */
  included?: boolean;
}

export interface ResolvedRoute {
  circuitVersionId: string;
  version: number;
  steps: ResolvedRouteStep[];
}

/** The circuits module as folders see it: the route a folder takes, from the circuit's current version. */
export abstract class RouteResolver {
  abstract resolveRoute(ctx: AuthContext, circuitId: string, metadata: FolderMetadata): Promise<ResolvedRoute>;
}
