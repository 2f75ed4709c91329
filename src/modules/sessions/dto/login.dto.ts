import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength, IsOptional } from 'class-validator';
import { UserDto } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ description: 'Login e-mail (case does not matter)', maxLength: 254, example: 'maire@demo.parapheur.fr' })
  @IsString()
  @Length(1, 254)
  email!: string;

  @ApiProperty({ description: 'Password', maxLength: 200, example: 'correct horse battery staple' })
  @IsString()
  @Length(1, 200)
  password!: string;

  @ApiPropertyOptional({ description: 'Current 6-digit code of the authenticator app, when TOTP is enabled (else the answer is the problem totp-required)', example: '123456' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  totp?: string;
}

export class LoginResultDto {
  @ApiProperty({ description: 'The logged-in user', type: UserDto })
  user!: UserDto;

  @ApiProperty({
    description: 'Send it as the X-CSRF-Token header on every state-changing request made with the session cookie (GET /api/v1/me gives it again)',
    example: 'q3Jr0c9yYl1m2k8v0wS3ZxP5uT7aB4dE6fG8hJ0kL2M',
  })
  csrfToken!: string;

  @ApiProperty({ description: 'When the session ends at the latest (it also ends after 2 hours without a request)', format: 'date-time', example: '2026-01-15T21:30:00.000Z' })
  expiresAt!: string;
}

export class TotpCodeDto {
  @ApiProperty({ description: 'The 6-digit code the authenticator app shows now', example: '123456' })
  @IsString()
  @Matches(/^\s*\d{6}\s*$/, { message: 'code must be 6 digits' })
  code!: string;
}

export class TotpEnrolmentDto {
  @ApiProperty({ description: 'URI to show as a QR code to the authenticator app (shown this once only)', example: 'otpauth://totp/Parapheur:maire%40demo.parapheur.fr?secret=JBSWY3DPEHPK3PXP&issuer=Parapheur&algorithm=SHA1&digits=6&period=30' })
  otpauthUri!: string;

  @ApiProperty({ description: 'The same secret in base32, to type by hand (shown this once only)', example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  secret!: string;
}
