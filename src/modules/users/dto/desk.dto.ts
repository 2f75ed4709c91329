import { ApiProperty } from '@nestjs/swagger';
import type { Desk } from '../desk.entity';
import type { HolderRow } from '../desks.repository';

export class DeskHolderDto {
  @ApiProperty({ description: 'User id', format: 'uuid', example: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b' })
  userId!: string;

  @ApiProperty({ description: 'User name', example: 'Jeanne Martin' })
  displayName!: string;

  @ApiProperty({ description: 'User e-mail', example: 'maire@saint-martin.fr' })
  email!: string;
}

export class DeskDto {
  @ApiProperty({ description: 'Desk id', format: 'uuid', example: '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6' })
  id!: string;

  @ApiProperty({ description: 'Desk name, unique in the tenant', example: 'Maire' })
  name!: string;

  @ApiProperty({ description: 'Parent desk (organisation chart), if any', format: 'uuid', nullable: true, type: String, example: null })
  parentId!: string | null;

  @ApiProperty({ description: 'People holding the desk', type: [DeskHolderDto] })
  holders!: DeskHolderDto[];

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt!: string;

  static from(desk: Desk, holders: readonly HolderRow[]): DeskDto {
    return {
      id: desk.id,
      name: desk.name,
      parentId: desk.parentId,
      holders: holders.filter((h) => h.deskId === desk.id).map((h) => ({ userId: h.userId, displayName: h.displayName, email: h.email })),
      createdAt: desk.createdAt.toISOString(),
    };
  }
}
