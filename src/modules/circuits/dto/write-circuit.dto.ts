import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { CircuitStepInputDto } from './circuit-step.dto';

/** POST creates version 1; PUT creates the next version (folders already started keep theirs). */
export class WriteCircuitDto {
  @ApiProperty({ description: 'Circuit name', minLength: 1, maxLength: 200, example: 'Circuit finances' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'The ordered steps (at least one)', type: [CircuitStepInputDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CircuitStepInputDto)
  steps!: CircuitStepInputDto[];
}

export class PreviewRouteDto {
  @ApiProperty({ description: 'The folder metadata to route, as a folder of a typology using this circuit would carry it', type: 'object', additionalProperties: true, example: { montant: 12000 } })
  @IsObject()
  metadata!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Preview this version instead of the current one', minimum: 1, example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
