import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEnum, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CircuitQuorum, type CircuitStep, CircuitStepKind } from '../circuit-steps';
import type { Condition } from '../condition';

const DESK_EXAMPLE = '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6';
export const CONDITION_DESCRIPTION =
  'Include the step only when the folder metadata satisfies this condition (data, never code): ' +
  '{ "all": [...] }, { "any": [...] }, { "not": {...} }, or a leaf { "field", "op", "value" } with op in ' +
  'eq, ne, gt, gte, lt, lte, in (value is a list), exists (no value). A missing field makes a comparison false. ' +
  'Numbers compare with numeric strings, ISO dates by instant; gt/gte/lt/lte need a number or an ISO date.';
export const CONDITION_EXAMPLE = { all: [{ field: 'montant', op: 'gte', value: 5000 }] };

/** A step as an administrator writes it. Types are checked here (400); integrity by the service (422). */
export class CircuitStepInputDto {
  @ApiProperty({ description: 'What the step asks for', enum: CircuitStepKind, enumName: 'StepKind', example: CircuitStepKind.Visa })
  @IsEnum(CircuitStepKind)
  kind!: CircuitStepKind;

  @ApiProperty({ description: 'Desks that act on the step (at least one, except for a seal step, which the tenant seal performs)', type: [String], format: 'uuid', example: [DESK_EXAMPLE] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  deskIds!: string[];

  @ApiProperty({ description: 'any: one of the desks suffices; all: every desk must act', enum: CircuitQuorum, enumName: 'Quorum', example: CircuitQuorum.Any })
  @IsEnum(CircuitQuorum)
  quorum!: CircuitQuorum;

  @ApiPropertyOptional({ description: CONDITION_DESCRIPTION, type: 'object', additionalProperties: true, example: CONDITION_EXAMPLE })
  @IsOptional()
  @IsObject()
  condition?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Label shown on the folder’s route', maxLength: 100, example: 'Signature du maire' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}

export class CircuitStepDto {
  @ApiProperty({ description: 'What the step asks for', enum: CircuitStepKind, enumName: 'StepKind', example: CircuitStepKind.Signature })
  kind!: CircuitStepKind;

  @ApiProperty({ description: 'Desks that act on the step (empty only for a seal step)', type: [String], format: 'uuid', example: [DESK_EXAMPLE] })
  deskIds!: string[];

  @ApiProperty({ description: 'any: one of the desks suffices; all: every desk must act', enum: CircuitQuorum, enumName: 'Quorum', example: CircuitQuorum.Any })
  quorum!: CircuitQuorum;

  @ApiPropertyOptional({ description: CONDITION_DESCRIPTION, type: 'object', additionalProperties: true, example: CONDITION_EXAMPLE })
  condition?: Condition;

  @ApiPropertyOptional({ description: 'Label shown on the folder’s route', example: 'Signature du maire' })
  name?: string;

  static from(step: CircuitStep): CircuitStepDto {
    return {
      kind: step.kind,
      deskIds: [...step.deskIds],
      quorum: step.quorum,
      ...(step.condition !== undefined && { condition: step.condition }),
      ...(step.name !== undefined && { name: step.name }),
    };
  }
}
