import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsNotEmptyObject, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { TenantDto } from '../../tenants/dto/tenant.dto';

export class FirstAdminDto {
  @ApiProperty({ description: 'E-mail of the commune’s first administrator; they receive a one-time link', example: 'secretariat@saint-martin.fr' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Claire Dupont' })
  @IsString()
  @Length(1, 200)
  displayName!: string;
}

export class CreateTenantDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Commune de Saint-Martin' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'SIREN (9 digits, Luhn key)', example: '217500016' })
  @Matches(/^\d{9}$/, { message: 'siren must be 9 digits' })
  siren!: string;

  @ApiProperty({ type: FirstAdminDto })
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => FirstAdminDto)
  admin!: FirstAdminDto;
}

export class CreatedTenantDto {
  @ApiProperty({ type: TenantDto })
  tenant!: TenantDto;

  @ApiProperty({ format: 'uuid', description: 'The first administrator (no password until they use the link)' })
  adminUserId!: string;

  @ApiProperty({ format: 'date-time', description: 'When the invitation link expires' })
  linkExpiresAt!: string;
}

export class TenantUsageDto {
  @ApiProperty({ type: TenantDto })
  tenant!: TenantDto;

  @ApiProperty({ description: 'Folders per status', type: 'object', additionalProperties: { type: 'integer' }, example: { in_progress: 3, completed: 12 } })
  foldersByStatus!: Record<string, number>;

  @ApiProperty({ description: 'Documents (all roles)', example: 42 })
  documents!: number;

  @ApiProperty({ description: 'Bytes stored (every version of every file)', example: 10485760 })
  bytes!: number;

  @ApiProperty({ description: 'Users (active or not)', example: 7 })
  users!: number;

  @ApiProperty({ description: 'Active users', example: 6 })
  activeUsers!: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Last event of the tenant’s audit trail' })
  lastActivityAt!: string | null;
}
