import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserRole } from '../../../common/auth';
import { DeskRefDto } from '../../users/dto/delegation.dto';
import { UserDto } from '../../users/dto/user.dto';

export class DelegatedDeskDto {
  @ApiProperty({ description: 'The absent desk the user may act for', format: 'uuid', example: '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6' })
  deskId!: string;

  @ApiProperty({ description: 'Its name', example: 'Maire' })
  deskName!: string;

  @ApiProperty({ description: 'Text to show: on whose behalf the user acts', example: 'En l’absence de : Maire' })
  label!: string;

  @ApiProperty({ description: 'The delegation granting it', format: 'uuid', example: '9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' })
  delegationId!: string;

  @ApiProperty({ description: 'The user’s own desk that received the delegation', type: DeskRefDto })
  viaDesk!: DeskRefDto;

  @ApiProperty({ description: 'Typologies covered; null: all', type: [String], format: 'uuid', nullable: true, example: null })
  typologyIds!: string[] | null;

  @ApiProperty({ description: 'End of the delegation (exclusive)', format: 'date-time', example: '2026-07-15T00:00:00.000Z' })
  endsAt!: string;
}

export class MeDto {
  @ApiProperty({ description: 'The user', type: UserDto })
  user!: UserDto;

  @ApiProperty({ description: 'Roles', enum: UserRole, enumName: 'UserRole', isArray: true, example: [UserRole.Signer] })
  roles!: UserRole[];

  @ApiProperty({ description: 'Desks the user holds', type: [DeskRefDto] })
  desks!: DeskRefDto[];

  @ApiProperty({ description: 'Desks delegated now to one of the user’s desks (all typologies counted)', type: [DelegatedDeskDto] })
  delegatedDesks!: DelegatedDeskDto[];

  @ApiPropertyOptional({ description: 'The session’s CSRF token (when called with the session cookie), for X-CSRF-Token', example: 'q3Jr0c9yYl1m2k8v0wS3ZxP5uT7aB4dE6fG8hJ0kL2M' })
  csrfToken?: string;
}
