import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { UserRole } from '../../../common/auth';
import { CreateUserDto, PASSWORD_MIN_LENGTH } from '../../users/dto/create-user.dto';
import { UserDto } from '../../users/dto/user.dto';

/** A person invited by e-mail: no password here, they choose it through the one-time link. */
export class InviteUserDto extends OmitType(CreateUserDto, ['password'] as const) {}

export class LinkSentDto {
  @ApiProperty({ description: 'When the one-time link sent by e-mail stops working', format: 'date-time', example: '2026-01-18T09:30:00.000Z' })
  linkExpiresAt!: string;
}

export class InvitationDto extends LinkSentDto {
  @ApiProperty({ type: UserDto, description: 'The invited user (no password until the link is used)' })
  user!: UserDto;
}

export class SetRolesDto {
  @ApiProperty({ description: 'The new roles (replace the old ones)', enum: UserRole, enumName: 'UserRole', isArray: true, example: [UserRole.Clerk] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(UserRole, { each: true })
  roles!: UserRole[];
}

export class AcceptLinkDto {
  @ApiProperty({ description: 'The token of the one-time link received by e-mail', minLength: 20, maxLength: 200 })
  @IsString()
  @Length(20, 200)
  token!: string;

  @ApiProperty({ description: `The new password (${PASSWORD_MIN_LENGTH}+ characters)`, minLength: PASSWORD_MIN_LENGTH, maxLength: 200, example: 'correct horse battery staple' })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, 200)
  password!: string;
}

export class AcceptedLinkDto {
  @ApiProperty({ description: 'The e-mail to log in with', example: 'maire@saint-martin.fr' })
  email!: string;
}

export class SetDeskParentDto {
  @ApiPropertyOptional({ description: 'The parent desk; null makes it a top-level desk', format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  @MaxLength(36)
  parentId!: string | null;
}
