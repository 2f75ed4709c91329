import { ApiProperty } from '@nestjs/swagger';
import type { Tenant } from '../tenant.entity';

export class TenantDto {
  @ApiProperty({ description: 'Tenant id', format: 'uuid', example: '3f6c1f9e-8d6a-4c1e-9b1a-2f3c4d5e6f70' })
  id!: string;

  @ApiProperty({ description: 'Name of the municipality or public body', example: 'Commune de Saint-Martin' })
  name!: string;

  @ApiProperty({ description: 'SIREN number (9 digits)', example: '217500016' })
  siren!: string;

  @ApiProperty({ description: 'Tenant settings', type: 'object', additionalProperties: true, example: {} })
  settings!: Record<string, unknown>;

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'Last update time', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  updatedAt!: string;

  static from(tenant: Tenant): TenantDto {
    return {
      id: tenant.id,
      name: tenant.name,
      siren: tenant.siren,
      settings: tenant.settings,
      createdAt: tenant.createdAt.toISOString(),
      updatedAt: tenant.updatedAt.toISOString(),
    };
  }
}
