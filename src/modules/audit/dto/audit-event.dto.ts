import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChainedRow } from '../audit-chain';

export enum AuditActorKindDto {
  User = 'user',
  ApiClient = 'api_client',
  Worker = 'worker',
  System = 'system',
}

export class AuditActorDto {
  @ApiProperty({ description: 'What kind of actor', enum: AuditActorKindDto, enumName: 'AuditActorKind', example: AuditActorKindDto.User })
  kind!: AuditActorKindDto;

  @ApiProperty({ description: 'User id, API key id, or the name of a worker', example: '8b0f7a55-3c2e-4d0a-9f3e-0c4b8e2d7a11' })
  id!: string;

  @ApiPropertyOptional({ description: 'Name shown to people', example: 'Anne Martin' })
  name?: string;

  @ApiPropertyOptional({ description: 'Desk the actor acted with', format: 'uuid', example: '2c9d3f1e-5a6b-4c7d-8e9f-0a1b2c3d4e5f' })
  deskId?: string;

  @ApiPropertyOptional({ description: 'Desk acted for through a delegation ("en l’absence de …")', format: 'uuid', example: '7e6d5c4b-3a29-4817-b6a5-948372615041' })
  onBehalfOfDeskId?: string;

  @ApiPropertyOptional({ description: 'Name of the desk acted for through a delegation', example: 'Maire' })
  onBehalfOfName?: string;
}

/** One event of the audit trail, as the folder history shows it. */
export class AuditEventDto {
  @ApiProperty({ description: 'Position in the tenant’s audit chain (1, 2, 3…)', example: 42 })
  seq!: number;

  @ApiProperty({ description: 'When it happened', format: 'date-time', example: '2026-11-23T09:15:00.000Z' })
  at!: string;

  @ApiProperty({ description: 'What happened, `domain.verb`', example: 'folder.step.visa' })
  action!: string;

  @ApiProperty({ description: 'Who did it', type: AuditActorDto })
  actor!: AuditActorDto;

  @ApiProperty({ description: 'The folder concerned', format: 'uuid', nullable: true, type: String, example: '5b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  folderId!: string | null;

  @ApiProperty({ description: 'Details of the event', type: 'object', additionalProperties: true, example: { stepPosition: 1, comment: 'Vu, bon pour signature' } })
  payload!: Record<string, unknown>;

  @ApiProperty({ description: 'SHA-256 chaining this event to the previous one (hex)', example: 'b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184' })
  hash!: string;

  static from(row: ChainedRow): AuditEventDto {
    return {
      seq: row.seq,
      at: row.at.toISOString(),
      action: row.action,
      actor: { ...row.actor, kind: row.actor.kind as AuditActorKindDto },
      folderId: row.folderId,
      payload: row.payload,
      hash: row.hash,
    };
  }
}
