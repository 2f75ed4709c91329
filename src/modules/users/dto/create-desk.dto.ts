import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class CreateDeskDto {
  @ApiProperty({ description: 'Desk name, unique in the tenant', minLength: 1, maxLength: 100, example: 'Adjoint aux finances' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ description: 'Parent desk (organisation chart)', format: 'uuid', example: '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class SetDeskHoldersDto {
  @ApiProperty({
    description: 'The users who hold the desk from now on (replaces the current holders; empty: none)',
    type: [String],
    format: 'uuid',
    example: ['6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b'],
  })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  userIds!: string[];
}
