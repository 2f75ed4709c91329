import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth';
import { CircuitQuorum, CircuitStepKind } from '../circuits/circuit-steps';
import { CircuitsService } from '../circuits/circuits.service';
import { TypologiesService } from '../typologies/typologies.service';
import { Quorum, StepKind } from './folder-state-machine';
import type { FolderMetadata } from './folder.entity';
import { type ResolvedRoute, RouteResolver } from './ports/route-resolver.port';
import { type FolderTypology, TypologyCatalog } from './ports/typology-catalog.port';

const KINDS: Readonly<Record<CircuitStepKind, StepKind>> = {
  [CircuitStepKind.Visa]: StepKind.Visa,
  [CircuitStepKind.Signature]: StepKind.Signature,
  [CircuitStepKind.Seal]: StepKind.Seal,
};

const QUORUMS: Readonly<Record<CircuitQuorum, Quorum>> = {
  [CircuitQuorum.Any]: Quorum.Any,
  [CircuitQuorum.All]: Quorum.All,
};

/** RouteResolver over CircuitsService: the circuit's current version routed for the metadata. */
@Injectable()
export class CircuitsRouteResolver extends RouteResolver {
  constructor(private readonly circuits: CircuitsService) {
    super();
  }

  async resolveRoute(ctx: AuthContext, circuitId: string, metadata: FolderMetadata): Promise<ResolvedRoute> {
    const route = await this.circuits.resolveRoute(ctx, circuitId, metadata);
    return {
      circuitVersionId: route.circuitVersionId,
      version: route.version,
      steps: route.steps.map((step) => ({
        position: step.position,
        kind: KINDS[step.kind],
        deskIds: step.deskIds,
        quorum: QUORUMS[step.quorum],
        name: step.name,
        included: step.included,
      })),
    };
  }
}

/** TypologyCatalog over TypologiesService (404 unknown or foreign, 422 deactivated or metadata failing the schema). */
@Injectable()
export class TypologiesCatalog extends TypologyCatalog {
  constructor(private readonly typologies: TypologiesService) {
    super();
  }

  async getForFolder(ctx: AuthContext, typologyId: string): Promise<FolderTypology> {
    const typology = await this.typologies.getForFolder(ctx, typologyId);
    return { id: typology.id, circuitId: typology.circuitId, requiredAnnexes: typology.requiredAnnexes };
  }

  validateFolderMetadata(ctx: AuthContext, typologyId: string, metadata: FolderMetadata): Promise<FolderMetadata> {
    return this.typologies.validateFolderMetadata(ctx, typologyId, metadata);
  }
}
