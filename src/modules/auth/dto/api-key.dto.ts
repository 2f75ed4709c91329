import { ApiProperty } from '@nestjs/swagger';
import { ApiScope } from '../../../common/auth';
import type { ApiKey } from '../api-key.entity';

export class ApiKeyDto {
  @ApiProperty({ description: 'API key id', format: 'uuid', example: '0b8f7c52-6a0e-4e3f-9d8b-1c2d3e4f5a6b' })
  id!: string;

  @ApiProperty({ description: 'Label given by the administrator', example: 'Logiciel de gestion des délibérations' })
  name!: string;

  @ApiProperty({ description: 'Visible start of the key, to tell keys apart', example: 'pk_ab12cd34' })
  prefix!: string;

  @ApiProperty({ description: 'What the key may do', enum: ApiScope, enumName: 'ApiScope', isArray: true, example: [ApiScope.FoldersRead] })
  scopes!: ApiScope[];

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'Last use (updated at most once a minute)', format: 'date-time', nullable: true, type: String, example: null })
  lastUsedAt!: string | null;

  @ApiProperty({ description: 'Revocation time; a revoked key is refused', format: 'date-time', nullable: true, type: String, example: null })
  revokedAt!: string | null;

  static from(key: ApiKey): ApiKeyDto {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes as ApiScope[],
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The full key: shown this once only, store it now',
    example: 'pk_ab12cd34_Jm9v3Yx2cQ8bN1rT5wK7zL0aP4sD6fG8hJ2kM4nB6vC',
  })
  key!: string;
}
