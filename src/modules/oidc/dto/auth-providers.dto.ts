import { ApiProperty } from '@nestjs/swagger';

export class OidcProviderDto {
  @ApiProperty({ description: 'Provider name for the button « Se connecter avec … »', example: 'ProConnect' })
  label!: string;

  @ApiProperty({ description: 'Where to send the browser (a full-page navigation, not a fetch) to sign in with the provider', example: '/api/v1/auth/oidc/login' })
  loginUrl!: string;
}

export class AuthProvidersDto {
  @ApiProperty({ description: 'E-mail + password (+ TOTP) login is always offered', example: true })
  password!: boolean;

  @ApiProperty({ description: 'OpenID Connect sign-in, or null when the deployment has not configured it', type: OidcProviderDto, nullable: true })
  oidc!: OidcProviderDto | null;
}
