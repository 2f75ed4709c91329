import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ValidationChangeDto {
  @ApiProperty({ description: 'Object changed after signing (`num gen`)', example: '12 0' })
  ref!: string;

  @ApiProperty({ description: 'What kind of object: signature-field, dss, document-timestamp, page, catalog…', example: 'dss' })
  kind!: string;

  @ApiProperty({ description: 'Whether this change keeps the signature meaningful (new signatures, DSS, form filling…)' })
  allowed!: boolean;

  @ApiPropertyOptional({ description: 'Why it is not allowed' })
  reason?: string;
}

export class ValidationRevocationDto {
  @ApiProperty({ enum: ['good', 'revoked', 'unknown'], description: 'Status of the signer chain at the signing time, from the revocation data embedded in the file' })
  status!: 'good' | 'revoked' | 'unknown';

  @ApiPropertyOptional({ enum: ['ocsp', 'crl'] })
  source?: 'ocsp' | 'crl';

  @ApiPropertyOptional({ description: 'When the OCSP response / CRL used was issued', format: 'date-time' })
  checkedAt?: string;

  @ApiPropertyOptional({ description: 'Revocation date when a certificate of the chain is revoked (before or after signing)', format: 'date-time' })
  revokedAt?: string;
}

export class ValidationSignatureDto {
  @ApiProperty({ description: 'Signature field name', example: 'Signature1' })
  field!: string;

  @ApiProperty({ enum: ['signature', 'document-timestamp'] })
  kind!: 'signature' | 'document-timestamp';

  @ApiPropertyOptional({ description: 'Signer (or TSA) name', example: 'Alice Martin' })
  signerName?: string;

  @ApiPropertyOptional({ description: 'Subject DN of the signer certificate' })
  signerSubject?: string;

  @ApiPropertyOptional({ description: 'Signing time claimed by the signer (/M)', format: 'date-time' })
  claimedSigningTime?: string;

  @ApiPropertyOptional({ description: 'Time proven by a time-stamp token (signature or document time-stamp)', format: 'date-time' })
  timestampTime?: string;

  @ApiProperty({ enum: ['B-B', 'B-T', 'B-LT', 'B-LTA', 'DocTimeStamp', 'none'], description: 'PAdES level detected (none: not a PAdES baseline signature, e.g. adbe.pkcs7.detached)' })
  level!: string;

  @ApiPropertyOptional({ description: '/SubFilter', example: 'ETSI.CAdES.detached' })
  subFilter?: string;

  @ApiProperty({ description: 'Integrity: the byte ranges cover a whole revision, the digest matches and the CMS signature verifies' })
  intact!: boolean;

  @ApiProperty({ description: 'The certificate chains to a trust anchor (tenant root or TRUST_ANCHORS_FILE) at the signing time' })
  trusted!: boolean;

  @ApiPropertyOptional({ description: 'Why the chain is not trusted' })
  trustReason?: string;

  @ApiPropertyOptional({ type: ValidationRevocationDto })
  revocation?: ValidationRevocationDto;

  @ApiProperty({ description: 'Number of revisions (incremental updates) written after this signature' })
  revisionsAfter!: number;

  @ApiProperty({ description: 'Only allowed changes (signatures, DSS, time-stamps, form filling) came after this signature' })
  onlyAllowedChangesAfter!: boolean;

  @ApiProperty({ type: [ValidationChangeDto], description: 'Objects changed by later revisions' })
  changes!: ValidationChangeDto[];

  @ApiProperty({ description: 'Everything above holds' })
  valid!: boolean;

  @ApiProperty({ type: [String], description: 'Problems, one per line (empty when valid)' })
  problems!: string[];
}

export class ValidationReportDto {
  @ApiProperty({ description: 'SHA-256 of the file, hex' })
  sha256!: string;

  @ApiProperty({ description: 'File size in bytes' })
  size!: number;

  @ApiProperty({ description: 'When this report was made', format: 'date-time' })
  validatedAt!: string;

  @ApiProperty({ description: 'Every signature and document time-stamp is valid (and there is at least one)' })
  valid!: boolean;

  @ApiProperty({ type: [ValidationSignatureDto], description: 'One entry per signature and document time-stamp, oldest first' })
  signatures!: ValidationSignatureDto[];
}
