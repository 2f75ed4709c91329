import { ApiProperty } from '@nestjs/swagger';
import type { CircuitVersion } from '../circuit-version.entity';
import type { Circuit } from '../circuit.entity';
import { CircuitStepDto } from './circuit-step.dto';

const CIRCUIT_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const VERSION_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

export class CircuitSummaryDto {
  @ApiProperty({ description: 'Circuit id', format: 'uuid', example: CIRCUIT_ID })
  id!: string;

  @ApiProperty({ description: 'Circuit name', example: 'Circuit finances' })
  name!: string;

  @ApiProperty({ description: 'Version new folders take (1, then one more per edit)', example: 2 })
  currentVersion!: number;

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'Time of the last edit', format: 'date-time', example: '2026-02-01T14:00:00.000Z' })
  updatedAt!: string;

  static from(circuit: Circuit): CircuitSummaryDto {
    return { id: circuit.id, name: circuit.name, currentVersion: circuit.currentVersion, createdAt: circuit.createdAt.toISOString(), updatedAt: circuit.updatedAt.toISOString() };
  }
}

export class CircuitDto extends CircuitSummaryDto {
  @ApiProperty({ description: 'Id of the current version (what folders record)', format: 'uuid', example: VERSION_ID })
  circuitVersionId!: string;

  @ApiProperty({ description: 'Steps of the current version, in order', type: [CircuitStepDto] })
  steps!: CircuitStepDto[];

  static fromCurrent(circuit: Circuit, version: CircuitVersion): CircuitDto {
    return { ...CircuitSummaryDto.from(circuit), circuitVersionId: version.id, steps: version.steps.map(CircuitStepDto.from) };
  }
}

export class CircuitVersionDto {
  @ApiProperty({ description: 'Version id (what folders record)', format: 'uuid', example: VERSION_ID })
  id!: string;

  @ApiProperty({ description: 'Circuit id', format: 'uuid', example: CIRCUIT_ID })
  circuitId!: string;

  @ApiProperty({ description: 'Version number', example: 1 })
  version!: number;

  @ApiProperty({ description: 'Whether new folders take this version', example: false })
  current!: boolean;

  @ApiProperty({ description: 'Steps of this version, in order (immutable)', type: [CircuitStepDto] })
  steps!: CircuitStepDto[];

  @ApiProperty({ description: 'Creation time of the version', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt!: string;

  static from(circuit: Circuit, version: CircuitVersion): CircuitVersionDto {
    return {
      id: version.id,
      circuitId: version.circuitId,
      version: version.version,
      current: circuit.currentVersion === version.version,
      steps: version.steps.map(CircuitStepDto.from),
      createdAt: version.createdAt.toISOString(),
    };
  }
}
