import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min, NotContains } from 'class-validator';
import { FolderStatus } from '../folder-state-machine';

export enum FolderView {
  /** Waiting for a desk the caller holds. */
  ToAct = 'to-act',
  /** Waiting for a desk delegated to the caller now. */
  Delegated = 'delegated',
  /** In progress, past due, waiting for one of the caller's desks (API keys: all of the tenant). */
  Late = 'late',
  /** The caller acted on it. */
  Done = 'done',
}

export class ListFoldersQueryDto {
  @ApiPropertyOptional({ description: 'Per-desk list of the caller', enum: FolderView, enumName: 'FolderView', example: FolderView.ToAct })
  @IsOptional()
  @IsEnum(FolderView)
  view?: FolderView;

  @ApiPropertyOptional({ description: 'Only folders in this status', enum: FolderStatus, enumName: 'FolderStatus', example: FolderStatus.InProgress })
  @IsOptional()
  @IsEnum(FolderStatus)
  status?: FolderStatus;

  @ApiPropertyOptional({ description: 'Only folders of this typology', format: 'uuid', example: '9b2f6a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b' })
  @IsOptional()
  @IsUUID()
  typologyId?: string;

  @ApiPropertyOptional({ description: 'Only the folder with this external reference', example: 'COMPTA-2026-042' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NotContains(String.fromCharCode(0), { message: '$property must not contain NUL characters' })
  externalId?: string;

  @ApiPropertyOptional({ description: 'Only folders whose current step is on this desk', format: 'uuid', example: '0d9c3c1e-5b0a-4c0e-9f63-1f7f3b0f2a11' })
  @IsOptional()
  @IsUUID()
  deskId?: string;

  @ApiPropertyOptional({ description: 'Only folders created at or after this time', format: 'date-time', example: '2026-01-01T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  @ApiPropertyOptional({ description: 'Only folders created before this time', format: 'date-time', example: '2026-02-01T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdBefore?: string;

  @ApiPropertyOptional({ description: 'Page size', minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor: `nextCursor` of the previous page', example: 'Zjo5YjJmNmExZS0zYzRkLTRlNWYtOGE5Yi0wYzFkMmUzZjRhNWI' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
