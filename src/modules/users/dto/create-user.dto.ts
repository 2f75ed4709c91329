import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsEnum, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { UserRole } from '../../../common/auth';

export const PASSWORD_MIN_LENGTH = 12;

export class CreateUserDto {
  @ApiProperty({ description: 'Login e-mail (stored lower-cased); unique across the deployment', maxLength: 254, example: 'maire@saint-martin.fr' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ description: 'Name shown in stamps, audit and evidence', minLength: 1, maxLength: 200, example: 'Jeanne Martin' })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiPropertyOptional({ description: 'Title shown under the name', maxLength: 200, example: 'Maire' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiProperty({ description: 'Roles', enum: UserRole, enumName: 'UserRole', isArray: true, example: [UserRole.Signer] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(UserRole, { each: true })
  roles!: UserRole[];

  @ApiPropertyOptional({ description: `Initial password (${PASSWORD_MIN_LENGTH}+ characters); without one the user cannot log in with a password`, minLength: PASSWORD_MIN_LENGTH, maxLength: 200, example: 'correct horse battery staple' })
  @IsOptional()
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, 200)
  password?: string;
}
