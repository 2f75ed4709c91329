import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { type SigningKey, SigningKeySource } from '../keys/signing-key.entity';

const PIN_RULE = { message: 'pin must be 4 to 12 digits' };

export class EnrolSigningKeyDto {
  @ApiProperty({ description: 'The PIN that will be asked at each signature (4 to 12 digits); never stored in clear', example: '482913', writeOnly: true })
  @IsString()
  @Matches(/^\d{4,12}$/, PIN_RULE)
  pin!: string;

  @ApiPropertyOptional({ description: 'PIN of your current key: required to replace it', example: '135790', writeOnly: true })
  @IsOptional()
  @IsString()
  @Length(1, 12)
  currentPin?: string;
}

export class ImportPkcs12Dto {
  @ApiProperty({ description: 'The PKCS#12 file (.p12/.pfx)', type: 'string', format: 'binary' })
  file!: unknown;

  @ApiProperty({ description: 'Password of the PKCS#12 file; used once to open it, never stored', example: 'mot de passe du p12', writeOnly: true })
  @IsString()
  @Length(0, 200)
  password!: string;

  @ApiProperty({ description: 'The new PIN asked at each signature (4 to 12 digits)', example: '482913', writeOnly: true })
  @IsString()
  @Matches(/^\d{4,12}$/, PIN_RULE)
  pin!: string;

  @ApiPropertyOptional({ description: 'PIN of your current key: required to replace it', example: '135790', writeOnly: true })
  @IsOptional()
  @IsString()
  @Length(1, 12)
  currentPin?: string;
}

export class UploadSealDto {
  @ApiProperty({ description: 'The tenant seal as a PKCS#12 file (.p12/.pfx)', type: 'string', format: 'binary' })
  file!: unknown;

  @ApiProperty({ description: 'Password of the PKCS#12 file; used once to open it, never stored', example: 'mot de passe du cachet', writeOnly: true })
  @IsString()
  @Length(0, 200)
  password!: string;
}

export class RegisterHsmSealDto {
  @ApiPropertyOptional({ description: 'Label (CKA_LABEL) of the seal key on the token; default PKCS11_KEY_LABEL', example: 'cachet-mairie', maxLength: 128 })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  keyLabel?: string;

  @ApiPropertyOptional({ description: 'Id (CKA_ID, hex) of the seal key on the token; default PKCS11_KEY_ID', example: '01', maxLength: 128 })
  @IsOptional()
  @IsString()
  @Matches(/^([0-9a-fA-F]{2}){1,64}$/, { message: 'keyId must be the key id (CKA_ID) in hex, e.g. 01' })
  keyId?: string;

  @ApiPropertyOptional({ description: 'Token label; default PKCS11_TOKEN_LABEL (or PKCS11_SLOT)', example: 'hsm-epci', maxLength: 32 })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  tokenLabel?: string;

  @ApiPropertyOptional({ description: 'The issuers of the seal certificate (PEM, any order); the certificate itself is read from the token', example: '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n', maxLength: 65536 })
  @IsOptional()
  @IsString()
  @Length(0, 65536)
  chainPem?: string;
}

export class SigningKeyDto {
  @ApiProperty({ description: 'Signing key id', format: 'uuid', example: '3f1c0f9e-2b7a-4c1e-9d55-6a7b8c9d0e1f' })
  id!: string;

  @ApiProperty({ description: 'issued: made here, certificate from the tenant CA; pkcs12: uploaded; pkcs11: the key stays on the PKCS#11 token (HSM)', enum: SigningKeySource, enumName: 'SigningKeySource', example: SigningKeySource.Issued })
  source!: SigningKeySource;

  @ApiProperty({ description: 'true for the tenant seal (no person, no PIN)', example: false })
  seal!: boolean;

  @ApiProperty({ description: 'Subject of the certificate', example: 'C=FR, O=Commune de Saint-Martin, title=Maire, CN=Jeanne Martin' })
  subject!: string;

  @ApiProperty({ description: 'The certificate (PEM)', example: '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n' })
  certificatePem!: string;

  @ApiProperty({ description: 'Its issuers (PEM, nearest first; may be empty)', example: '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n' })
  chainPem!: string;

  @ApiProperty({ description: 'End of validity of the certificate', format: 'date-time', example: '2028-11-23T10:00:00.000Z' })
  notAfter!: string;

  @ApiProperty({ description: 'Enrolment time', format: 'date-time', example: '2026-11-23T10:00:00.000Z' })
  createdAt!: string;

  static from(key: SigningKey): SigningKeyDto {
    return {
      id: key.id,
      source: key.source,
      seal: key.userId === null,
      subject: key.subject,
      certificatePem: key.certificatePem,
      chainPem: key.chainPem,
      notAfter: key.notAfter.toISOString(),
      createdAt: key.createdAt.toISOString(),
    };
  }
}

export class TenantCaDto {
  @ApiProperty({ description: 'The tenant root certificate (PEM): trust it to validate the signatures of keys issued here', example: '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n' })
  rootCertificatePem!: string;
}
