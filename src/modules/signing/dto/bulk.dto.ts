import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsString, IsUUID, Matches, ValidateIf } from 'class-validator';
import { BulkAction, type BulkBatch, BulkBatchStatus } from '../bulk/bulk-batch.entity';
import { type BulkItem, BulkItemStatus } from '../bulk/bulk-item.entity';

export const BULK_MAX_FOLDERS = 200;

export class CreateBulkActionDto {
  @ApiProperty({ description: 'What to do on every folder', enum: BulkAction, enumName: 'BulkAction', example: BulkAction.Sign })
  @IsEnum(BulkAction)
  action!: BulkAction;

  @ApiProperty({ description: `The folders (1 to ${BULK_MAX_FOLDERS}, distinct); the consent covers exactly these`, type: [String], format: 'uuid', example: ['5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX_FOLDERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  folderIds!: string[];

  @ApiPropertyOptional({ description: 'PIN of your signing key (for sign, unless `totp` is given): one consent for the named folders only', example: '482913', writeOnly: true })
  @ValidateIf((body: CreateBulkActionDto) => (body.action === BulkAction.Sign && body.totp === undefined) || body.pin !== undefined)
  @IsString()
  @Matches(/^\d{4,12}$/, { message: 'pin must be 4 to 12 digits (or give totp instead)' })
  pin?: string;

  @ApiPropertyOptional({ description: 'Instead of the PIN, when TOTP is on for your account: the 6-digit code of your authenticator app (used once)', example: '123456', writeOnly: true })
  @ValidateIf((body: CreateBulkActionDto) => body.totp !== undefined)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'totp must be the 6 digits your authenticator app shows' })
  totp?: string;
}

export class BulkActionCreatedDto {
  @ApiProperty({ description: 'Follow it with GET /bulk-actions/{batchId} or its SSE stream', format: 'uuid', example: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' })
  batchId!: string;
}

export class BulkItemDto {
  @ApiProperty({ description: 'The folder', format: 'uuid', example: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b' })
  folderId!: string;

  @ApiProperty({ description: 'queued, running (signature jobs queued), done or failed', enum: BulkItemStatus, enumName: 'BulkItemStatus', example: BulkItemStatus.Done })
  status!: BulkItemStatus;

  @ApiPropertyOptional({ description: 'Why this folder failed (French)', type: String, example: 'Aucune étape de signature n’est active sur ce dossier.' })
  error?: string;
}

export class BulkBatchDto {
  @ApiProperty({ description: 'Batch id', format: 'uuid', example: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' })
  id!: string;

  @ApiProperty({ enum: BulkAction, enumName: 'BulkAction', example: BulkAction.Sign })
  action!: BulkAction;

  @ApiProperty({ description: 'done once every folder is done or failed', enum: BulkBatchStatus, enumName: 'BulkBatchStatus', example: BulkBatchStatus.Running })
  status!: BulkBatchStatus;

  @ApiProperty({ description: 'Number of folders', example: 50 })
  total!: number;

  @ApiProperty({ description: 'Folders done', example: 48 })
  done!: number;

  @ApiProperty({ description: 'Folders failed', example: 1 })
  failed!: number;

  @ApiProperty({ type: [BulkItemDto] })
  items!: BulkItemDto[];

  @ApiProperty({ format: 'date-time', example: '2026-11-23T10:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-23T10:00:12.000Z' })
  completedAt!: string | null;

  static from(batch: BulkBatch, items: BulkItem[]): BulkBatchDto {
    return {
      id: batch.id,
      action: batch.action,
      status: batch.status,
      total: items.length,
      done: items.filter((item) => item.status === BulkItemStatus.Done).length,
      failed: items.filter((item) => item.status === BulkItemStatus.Failed).length,
      items: items.map((item) => ({ folderId: item.folderId, status: item.status, ...(item.error ? { error: item.error } : {}) })),
      createdAt: batch.createdAt.toISOString(),
      completedAt: batch.completedAt?.toISOString() ?? null,
    };
  }
}
