import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';

export class AnnexDescriptionDto {
  @ApiProperty({ description: 'What the annex is; required annexes of the typology are matched on it (case-insensitive)', example: 'Délibération' })
  @IsString()
  @Length(1, 200)
  label!: string;
}

/** The `folder` part of the multipart creation request (JSON). */
export class CreateFolderPartDto {
  @ApiProperty({ description: 'Typology (type / subtype) of the folder: picks the circuit and the metadata schema', format: 'uuid', example: '9b2f6a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b' })
  @IsUUID()
  typologyId!: string;

  @ApiProperty({ description: 'Title shown in lists', example: 'Bordereau de mandats n° 2026-042', maxLength: 300 })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiPropertyOptional({ description: 'Metadata, checked against the typology schema', type: 'object', additionalProperties: true, example: { montant: 12000, service: 'Finances' } })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Reference in the sending software; unique per tenant', example: 'COMPTA-2026-042', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @ApiPropertyOptional({ description: 'Due date', format: 'date-time', example: '2026-04-01T17:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({
    description: 'For a PES V2 main document (application/xml): where the XAdES signatures go, `//Bordereau` (one per bordereau with an Id; the default) or `.` (the whole flow); i-Parapheur\'s XPathPourSignatureXML',
    example: '//Bordereau',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  xmlSignatureXPath?: string;

  @ApiPropertyOptional({ description: 'Start the circuit right away (same transaction)', example: true, default: false })
  @IsOptional()
  @IsBoolean()
  start?: boolean;

  @ApiPropertyOptional({ description: 'One description per `annexes` file part, in the same order (default label: the file name)', type: [AnnexDescriptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AnnexDescriptionDto)
  annexes?: AnnexDescriptionDto[];
}

/** The multipart body of POST /folders, as documented in the contract. */
export class CreateFolderRequestDto {
  @ApiProperty({
    description: 'The folder as JSON (see CreateFolderPartDto)',
    type: String,
    example: '{"typologyId":"9b2f6a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b","title":"Bordereau de mandats n° 2026-042","metadata":{"montant":12000},"start":true}',
  })
  folder!: string;

  @ApiProperty({ description: 'Main PDFs to sign (at least one), checked at upload', type: 'array', items: { type: 'string', format: 'binary' } })
  documents!: unknown[];

  @ApiPropertyOptional({ description: 'Annexes (any type, never signed)', type: 'array', items: { type: 'string', format: 'binary' } })
  annexes?: unknown[];
}
