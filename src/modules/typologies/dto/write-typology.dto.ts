import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, NotEquals, ValidateIf, ValidateNested,
} from 'class-validator';
import { MetadataFieldType } from '../metadata-schema';
import { SignatureLevel, StampKind } from '../typology-settings';

export class MetadataFieldDto {
  @ApiProperty({ description: 'Key in the folder metadata (letters, digits, _; not starting with a digit)', maxLength: 64, example: 'montant' })
  @IsString()
  @Length(1, 64)
  name!: string;

  @ApiProperty({ description: 'Label shown to people', maxLength: 100, example: 'Montant TTC (€)' })
  @IsString()
  @Length(1, 100)
  label!: string;

  @ApiProperty({ description: 'Value type; numbers and booleans may come as strings from forms', enum: MetadataFieldType, enumName: 'MetadataFieldType', example: MetadataFieldType.Number })
  @IsEnum(MetadataFieldType)
  type!: MetadataFieldType;

  @ApiPropertyOptional({ description: 'Whether a folder must fill it (absent, null and "" are not filled)', example: true })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ description: 'enum only: the allowed values', type: [String], example: ['Investissement', 'Fonctionnement'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  values?: string[];

  @ApiPropertyOptional({ description: 'number: minimum value; string: minimum length', example: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min?: number;

  @ApiPropertyOptional({ description: 'number: maximum value; string: maximum length', example: 10000000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  max?: number;
}

export class MetadataSchemaDto {
  @ApiProperty({ description: 'The metadata fields of a folder of this typology', type: [MetadataFieldDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MetadataFieldDto)
  fields!: MetadataFieldDto[];
}

const isTag = (stamp: StampDto) => stamp.kind === StampKind.Tag;
const isRect = (stamp: StampDto) => stamp.kind === StampKind.Rect;

/** Default stamp placement: auto (free slot of the last page), tag (text in the PDF) or rect (PDF points). */
export class StampDto {
  @ApiProperty({ description: 'auto: a free slot of the last page; tag: where this text appears in the PDF; rect: these coordinates', enum: StampKind, enumName: 'StampKind', example: StampKind.Auto })
  @IsEnum(StampKind)
  kind!: StampKind;

  @ApiPropertyOptional({ description: 'tag only: the text to look for', maxLength: 100, example: '#signature#' })
  @ValidateIf(isTag)
  @IsString()
  @Length(1, 100)
  tag?: string;

  @ApiPropertyOptional({ description: 'rect only: 1-based page, -1 for the last page', example: -1 })
  @ValidateIf(isRect)
  @IsInt()
  @Min(-1)
  @NotEquals(0)
  @Max(10000)
  page?: number;

  @ApiPropertyOptional({ description: 'rect only: left edge, PDF points from the page’s left', example: 320 })
  @ValidateIf(isRect)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  x?: number;

  @ApiPropertyOptional({ description: 'rect only: bottom edge, PDF points from the page’s bottom', example: 60 })
  @ValidateIf(isRect)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  y?: number;

  @ApiPropertyOptional({ description: 'Stamp width in PDF points (required for rect)', example: 200 })
  @ValidateIf((stamp: StampDto) => isRect(stamp) || stamp.width !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(20)
  @Max(2000)
  width?: number;

  @ApiPropertyOptional({ description: 'Stamp height in PDF points (required for rect)', example: 70 })
  @ValidateIf((stamp: StampDto) => isRect(stamp) || stamp.height !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(10)
  @Max(2000)
  height?: number;
}

export class RequiredAnnexDto {
  @ApiProperty({ description: 'Label a folder’s annex must carry (matched case-insensitively)', maxLength: 200, example: 'Bordereau de mandats' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ description: 'What the annex is, for people', maxLength: 500, example: 'Le bordereau édité par le logiciel de comptabilité' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

/** POST creates; PUT replaces every setting (omitted optional settings take their defaults). */
export class WriteTypologyDto {
  @ApiProperty({ description: 'Type', maxLength: 100, example: 'Finances' })
  @IsString()
  @Length(1, 100)
  type!: string;

  @ApiProperty({ description: 'Subtype (type + subtype is unique in the tenant)', maxLength: 100, example: 'Bordereau de mandats' })
  @IsString()
  @Length(1, 100)
  subtype!: string;

  @ApiProperty({ description: 'Circuit folders of this typology go through (its current version at start)', format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  @IsUUID()
  circuitId!: string;

  @ApiProperty({ description: 'PAdES signature level', enum: SignatureLevel, enumName: 'SignatureLevel', example: SignatureLevel.BB })
  @IsEnum(SignatureLevel)
  level!: SignatureLevel;

  @ApiPropertyOptional({ description: 'Default stamp placement (default: auto)', type: StampDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StampDto)
  stamp?: StampDto;

  @ApiPropertyOptional({ description: 'Metadata a folder carries, checked at creation (default: none)', type: MetadataSchemaDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MetadataSchemaDto)
  metadataSchema?: MetadataSchemaDto;

  @ApiPropertyOptional({ description: 'Annexes every folder must carry (default: none)', type: [RequiredAnnexDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RequiredAnnexDto)
  requiredAnnexes?: RequiredAnnexDto[];

  @ApiPropertyOptional({ description: 'Whether new folders may use it (default: true)', example: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
