import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, ValidateIf } from 'class-validator';

export class SignFolderDto {
  @ApiPropertyOptional({ description: 'PIN of your signing key: your consent for this folder only (required unless `totp` is given)', example: '482913', writeOnly: true })
  @ValidateIf((body: SignFolderDto) => body.totp === undefined || body.pin !== undefined)
  @IsString()
  @Matches(/^\d{4,12}$/, { message: 'pin must be 4 to 12 digits (or give totp instead)' })
  pin?: string;

  @ApiPropertyOptional({ description: 'Instead of the PIN, when TOTP is on for your account: the 6-digit code of your authenticator app (used once)', example: '123456', writeOnly: true })
  @ValidateIf((body: SignFolderDto) => body.totp !== undefined)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'totp must be the 6 digits your authenticator app shows' })
  totp?: string;
}

export class SignatureTaskRefDto {
  @ApiProperty({ description: 'Signature task id (one per main document)', format: 'uuid', example: '0b6d1c2e-3f4a-4b5c-8d9e-0f1a2b3c4d5e' })
  id!: string;

  @ApiProperty({ description: 'The document it signs', format: 'uuid', example: '7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f' })
  documentId!: string;

  @ApiProperty({ description: 'queued, running, done or failed', enum: ['queued', 'running', 'done', 'failed'], enumName: 'SignatureTaskStatus', example: 'queued' })
  status!: string;
}

export class SignAcceptedDto {
  @ApiProperty({ description: 'The folder', format: 'uuid', example: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b' })
  folderId!: string;

  @ApiProperty({ description: 'The consent recorded for this signature', format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })
  consentId!: string;

  @ApiProperty({ description: 'The signature tasks queued; follow them on the folder', type: [SignatureTaskRefDto] })
  tasks!: SignatureTaskRefDto[];
}

export class SignatureTaskDto {
  @ApiProperty({ description: 'Signature task id', format: 'uuid', example: '0b6d1c2e-3f4a-4b5c-8d9e-0f1a2b3c4d5e' })
  id!: string;

  @ApiProperty({ description: 'The step it signs', format: 'uuid', example: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a' })
  folderStepId!: string;

  @ApiProperty({ description: 'The document it signs', format: 'uuid', example: '7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f' })
  documentId!: string;

  @ApiProperty({ description: 'The version it signs; the result is the next one', example: 1 })
  baseVersion!: number;

  @ApiProperty({ description: 'queued, running, done or failed', enum: ['queued', 'running', 'done', 'failed'], enumName: 'SignatureTaskStatus', example: 'failed' })
  status!: string;

  @ApiProperty({ description: 'Why it failed (French); retry with POST /signature-tasks/{id}/retry', nullable: true, type: String, example: 'Aucun cachet de la collectivité : un administrateur doit en déposer un, puis relancer la signature.' })
  error!: string | null;

  @ApiProperty({ description: 'Attempts so far', example: 1 })
  attempts!: number;

  @ApiProperty({ description: 'true for a seal (tenant key, no signer)', example: false })
  seal!: boolean;

  @ApiProperty({ description: 'The desk acted for through a delegation ("en l’absence de …")', nullable: true, type: String, format: 'uuid', example: null })
  onBehalfOfDeskId!: string | null;
}
