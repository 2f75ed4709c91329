import { ApiProperty } from '@nestjs/swagger';

export class SignatureImageUploadDto {
  @ApiProperty({ description: 'The handwritten signature as a PNG (at most 256 KB and 2000 × 1000 pixels; transparency kept)', type: 'string', format: 'binary' })
  file!: unknown;
}

export class SignatureImageDto {
  @ApiProperty({ description: 'Width in pixels', example: 600 })
  width!: number;

  @ApiProperty({ description: 'Height in pixels', example: 240 })
  height!: number;

  @ApiProperty({ description: 'Size of the PNG in bytes', example: 18342 })
  size!: number;

  @ApiProperty({ description: 'SHA-256 of the PNG (hex)', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;

  @ApiProperty({ description: 'When it was saved', format: 'date-time', example: '2026-11-23T10:00:00.000Z' })
  updatedAt!: string;
}
