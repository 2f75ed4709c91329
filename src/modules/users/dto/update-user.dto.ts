import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { UserRole } from '../../../common/auth';
import { PASSWORD_MIN_LENGTH } from './create-user.dto';

/** Only the fields given change. A new password or deactivation ends the user's sessions. */
export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'New login e-mail', maxLength: 254, example: 'j.martin@saint-martin.fr' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Name shown in stamps, audit and evidence', minLength: 1, maxLength: 200, example: 'Jeanne Martin' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ description: 'Title; null removes it', maxLength: 200, nullable: true, type: String, example: 'Maire' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @Length(1, 200)
  title?: string | null;

  @ApiPropertyOptional({ description: 'Roles (replace the current ones)', enum: UserRole, enumName: 'UserRole', isArray: true, example: [UserRole.Signer, UserRole.Clerk] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(UserRole, { each: true })
  roles?: UserRole[];

  @ApiPropertyOptional({ description: 'false: the user can no longer log in and their sessions end', example: false })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'true: turns TOTP off and forgets the seed (lost phone); the user can enrol again', example: true })
  @IsOptional()
  @IsBoolean()
  resetTotp?: boolean;

  @ApiPropertyOptional({ description: `New password (${PASSWORD_MIN_LENGTH}+ characters); ends the user's sessions`, minLength: PASSWORD_MIN_LENGTH, maxLength: 200, example: 'another long passphrase' })
  @IsOptional()
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, 200)
  password?: string;
}
