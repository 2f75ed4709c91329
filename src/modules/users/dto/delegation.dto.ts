import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDate, IsOptional, IsUUID } from 'class-validator';
import { Type } from 'class-transformer';
import type { Delegation } from '../delegation.entity';

export class DeskRefDto {
  @ApiProperty({ description: 'Desk id', format: 'uuid', example: '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6' })
  id!: string;

  @ApiProperty({ description: 'Desk name', example: 'Maire' })
  name!: string;
}

export class DelegationDto {
  @ApiProperty({ description: 'Delegation id', format: 'uuid', example: '9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' })
  id!: string;

  @ApiProperty({ description: 'The absent desk whose work is delegated', type: DeskRefDto })
  fromDesk!: DeskRefDto;

  @ApiProperty({ description: 'The desk that acts "en l’absence de" the other', type: DeskRefDto })
  toDesk!: DeskRefDto;

  @ApiProperty({ description: 'Start (inclusive)', format: 'date-time', example: '2026-07-01T00:00:00.000Z' })
  startsAt!: string;

  @ApiProperty({ description: 'End (exclusive)', format: 'date-time', example: '2026-07-15T00:00:00.000Z' })
  endsAt!: string;

  @ApiProperty({ description: 'Typologies covered; null: all', type: [String], format: 'uuid', nullable: true, example: null })
  typologyIds!: string[] | null;

  @ApiProperty({ description: 'User who created it (null when an API client did)', format: 'uuid', nullable: true, type: String, example: null })
  createdByUserId!: string | null;

  @ApiProperty({ description: 'When it was cancelled; a cancelled delegation gives no right', format: 'date-time', nullable: true, type: String, example: null })
  revokedAt!: string | null;

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-06-20T09:30:00.000Z' })
  createdAt!: string;

  static from(delegation: Delegation, deskNames: ReadonlyMap<string, string>): DelegationDto {
    return {
      id: delegation.id,
      fromDesk: { id: delegation.fromDeskId, name: deskNames.get(delegation.fromDeskId) ?? '' },
      toDesk: { id: delegation.toDeskId, name: deskNames.get(delegation.toDeskId) ?? '' },
      startsAt: delegation.startsAt.toISOString(),
      endsAt: delegation.endsAt.toISOString(),
      typologyIds: delegation.typologyIds,
      createdByUserId: delegation.createdByUserId,
      revokedAt: delegation.revokedAt?.toISOString() ?? null,
      createdAt: delegation.createdAt.toISOString(),
    };
  }
}

export class CreateDelegationDto {
  @ApiProperty({ description: 'The absent desk', format: 'uuid', example: '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6' })
  @IsUUID()
  fromDeskId!: string;

  @ApiProperty({ description: 'The desk that acts in its absence', format: 'uuid', example: '2e3f4a5b-6c7d-4e8f-90a1-b2c3d4e5f6a7' })
  @IsUUID()
  toDeskId!: string;

  @ApiProperty({ description: 'Start (inclusive), ISO 8601', type: String, format: 'date-time', example: '2026-07-01T00:00:00+02:00' })
  @Type(() => Date)
  @IsDate()
  startsAt!: Date;

  @ApiProperty({ description: 'End (exclusive), after the start, ISO 8601', type: String, format: 'date-time', example: '2026-07-15T00:00:00+02:00' })
  @Type(() => Date)
  @IsDate()
  endsAt!: Date;

  @ApiPropertyOptional({ description: 'Limit to these typologies (at least one); omitted: all typologies', type: [String], format: 'uuid', example: ['5c4d3e2f-1a0b-4c9d-8e7f-6a5b4c3d2e1f'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  typologyIds?: string[];
}

export class ListDelegationsQueryDto {
  @ApiPropertyOptional({ description: 'Only delegations from or to this desk', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  deskId?: string;
}
