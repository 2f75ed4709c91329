import { ApiProperty } from '@nestjs/swagger';

export const EXPIRY_WARNING_DAYS = 30;

export class CertificateDto {
  @ApiProperty({ format: 'uuid', description: 'Signing key id' })
  id!: string;

  @ApiProperty({ enum: ['seal', 'user'], description: 'The tenant seal, or a person’s signing key' })
  kind!: 'seal' | 'user';

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The person (null for the seal)' })
  userId!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Jeanne Martin' })
  userDisplayName!: string | null;

  @ApiProperty({ enum: ['issued', 'pkcs12'], description: 'Issued by the tenant CA, or uploaded as PKCS#12' })
  source!: string;

  @ApiProperty({ example: 'CN=Jeanne Martin, O=Commune de Saint-Martin' })
  subject!: string;

  @ApiProperty({ format: 'date-time', description: 'End of validity of the certificate' })
  notAfter!: string;

  @ApiProperty({ description: `Expires within ${EXPIRY_WARNING_DAYS} days (or already expired): renew it` })
  expiresSoon!: boolean;

  @ApiProperty({ description: 'Already expired: signatures with it are refused' })
  expired!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
