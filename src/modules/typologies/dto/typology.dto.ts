import { ApiProperty } from '@nestjs/swagger';
import type { MetadataSchema } from '../metadata-schema';
import type { Typology } from '../typology.entity';
import { type RequiredAnnex, SignatureLevel, type StampDefaults } from '../typology-settings';
import { MetadataSchemaDto, RequiredAnnexDto, StampDto } from './write-typology.dto';

export class TypologyDto {
  @ApiProperty({ description: 'Typology id', format: 'uuid', example: '5b1d8f3e-2c4a-4e6b-9d0f-1a2b3c4d5e6f' })
  id!: string;

  @ApiProperty({ description: 'Type', example: 'Finances' })
  type!: string;

  @ApiProperty({ description: 'Subtype', example: 'Bordereau de mandats' })
  subtype!: string;

  @ApiProperty({ description: 'Circuit folders of this typology go through', format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  circuitId!: string;

  @ApiProperty({ description: 'PAdES signature level', enum: SignatureLevel, enumName: 'SignatureLevel', example: SignatureLevel.BB })
  level!: SignatureLevel;

  @ApiProperty({ description: 'Default stamp placement', type: StampDto })
  stamp!: StampDefaults;

  @ApiProperty({ description: 'Metadata a folder carries', type: MetadataSchemaDto })
  metadataSchema!: MetadataSchema;

  @ApiProperty({ description: 'Annexes every folder must carry', type: [RequiredAnnexDto] })
  requiredAnnexes!: RequiredAnnex[];

  @ApiProperty({ description: 'Whether new folders may use it', example: true })
  active!: boolean;

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'Time of the last change', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  updatedAt!: string;

  static from(typology: Typology): TypologyDto {
    return {
      id: typology.id,
      type: typology.type,
      subtype: typology.subtype,
      circuitId: typology.circuitId,
      level: typology.level,
      stamp: typology.stamp,
      metadataSchema: typology.metadataSchema,
      requiredAnnexes: typology.requiredAnnexes,
      active: typology.active,
      createdAt: typology.createdAt.toISOString(),
      updatedAt: typology.updatedAt.toISOString(),
    };
  }
}
