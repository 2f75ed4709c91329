import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, Length, Min, NotContains } from 'class-validator';

/** PostgreSQL text cannot hold U+0000: refused as invalid input rather than failing on insert. */
const NUL = String.fromCharCode(0);
const NO_NUL_MESSAGE = '$property must not contain NUL characters';
import { CommentVisibility } from '../folder-comment.entity';

export class RejectFolderDto {
  @ApiProperty({ description: 'Why the folder is rejected; told to the creator', example: 'Le montant ne correspond pas au devis.', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @NotContains(NUL, { message: NO_NUL_MESSAGE })
  reason!: string;
}

export class SendBackFolderDto {
  @ApiProperty({ description: 'Position of the earlier step (already done) to go back to', example: 1, minimum: 1 })
  @IsInt()
  @Min(1)
  toStep!: number;

  @ApiPropertyOptional({ description: 'Why; recorded in the audit trail', example: 'Pièce justificative manquante.', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @NotContains(NUL, { message: NO_NUL_MESSAGE })
  reason?: string;
}

export class CreateCommentDto {
  @ApiProperty({ description: 'Text of the comment', example: 'Vu avec le service financier.', maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  @NotContains(NUL, { message: NO_NUL_MESSAGE })
  body!: string;

  @ApiProperty({ description: 'public: everyone who sees the folder; private: its author only', enum: CommentVisibility, enumName: 'CommentVisibility', example: CommentVisibility.Public })
  @IsEnum(CommentVisibility)
  visibility!: CommentVisibility;
}

export class RemindResultDto {
  @ApiProperty({ description: 'Mails queued: one per holder or delegate of the desks of the current step', example: 2 })
  recipients!: number;

  @ApiProperty({ description: 'When; the next reminder of this folder is possible an hour later', format: 'date-time', example: '2026-11-23T10:00:00.000Z' })
  remindedAt!: string;
}
