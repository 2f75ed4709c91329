import { ApiProperty } from '@nestjs/swagger';
import { UserRole } from '../../../common/auth';
import type { User } from '../user.entity';

export class UserDto {
  @ApiProperty({ description: 'User id', format: 'uuid', example: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ description: 'Login e-mail, lower-cased, unique across the deployment', example: 'maire@saint-martin.fr' })
  email!: string;

  @ApiProperty({ description: 'Name shown in stamps, audit and evidence', example: 'Jeanne Martin' })
  displayName!: string;

  @ApiProperty({ description: 'Title shown under the name', nullable: true, type: String, example: 'Maire' })
  title!: string | null;

  @ApiProperty({ description: 'Roles: admin ⊇ clerk; signer acts on the desks held', enum: UserRole, enumName: 'UserRole', isArray: true, example: [UserRole.Signer] })
  roles!: UserRole[];

  @ApiProperty({ description: 'An inactive user cannot log in', example: true })
  active!: boolean;

  @ApiProperty({ description: 'Whether login asks for a TOTP code', example: false })
  totpEnabled!: boolean;

  @ApiProperty({ description: 'Whether the user has a local password (else no password login)', example: true })
  hasPassword!: boolean;

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'Last update time', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  updatedAt!: string;

  static from(user: User): UserDto {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      title: user.title,
      roles: user.roles as UserRole[],
      active: user.active,
      totpEnabled: user.totpEnabled,
      hasPassword: user.passwordHash !== null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}
