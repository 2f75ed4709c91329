import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CircuitQuorum, CircuitStepKind } from '../circuit-steps';

export class RouteDeskDto {
  @ApiProperty({ description: 'Desk id', format: 'uuid', example: '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6' })
  id!: string;

  @ApiProperty({ description: 'Desk name (null if the desk was deleted since)', nullable: true, type: String, example: 'Maire' })
  name!: string | null;
}

export class RouteStepDto {
  @ApiProperty({ description: '1-based position in the circuit version (skipped steps counted)', example: 1 })
  position!: number;

  @ApiProperty({ description: 'What the step asks for', enum: CircuitStepKind, enumName: 'StepKind', example: CircuitStepKind.Visa })
  kind!: CircuitStepKind;

  @ApiPropertyOptional({ description: 'Step label', example: 'Visa du DGS' })
  name?: string;

  @ApiProperty({ description: 'any: one of the desks suffices; all: every desk must act', enum: CircuitQuorum, enumName: 'Quorum', example: CircuitQuorum.Any })
  quorum!: CircuitQuorum;

  @ApiProperty({ description: 'Desks that act on the step', type: [RouteDeskDto] })
  desks!: RouteDeskDto[];
}

export class SkippedStepDto {
  @ApiProperty({ description: '1-based position in the circuit version', example: 2 })
  position!: number;

  @ApiProperty({ description: 'What the step would ask for', enum: CircuitStepKind, enumName: 'StepKind', example: CircuitStepKind.Signature })
  kind!: CircuitStepKind;

  @ApiPropertyOptional({ description: 'Step label', example: 'Signature de l’adjoint aux finances' })
  name?: string;

  @ApiProperty({ description: 'Why the step does not apply, in French', example: 'Condition non remplie : montant ≥ 5000.' })
  reason!: string;
}

/** The route a folder with this metadata would take: the same function routes real folders. */
export class RoutePreviewDto {
  @ApiProperty({ description: 'Circuit id', format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  circuitId!: string;

  @ApiProperty({ description: 'Circuit version id the folder would keep', format: 'uuid', example: '0f8fad5b-d9cb-469f-a165-70867728950e' })
  circuitVersionId!: string;

  @ApiProperty({ description: 'Circuit version number', example: 2 })
  version!: number;

  @ApiProperty({ description: 'Steps that apply, in order', type: [RouteStepDto] })
  steps!: RouteStepDto[];

  @ApiProperty({ description: 'Steps whose condition excludes them, with the reason', type: [SkippedStepDto] })
  skipped!: SkippedStepDto[];
}
