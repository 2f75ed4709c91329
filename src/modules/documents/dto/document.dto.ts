import { ApiProperty } from '@nestjs/swagger';
import { DocumentRole } from '../document.entity';

export class DocumentVersionSignatureDto {
  @ApiProperty({ description: 'Name of the signer (or of the seal)', example: 'Marie Dupont' })
  signerName!: string;

  @ApiProperty({ description: 'Desk the signature was made for', format: 'uuid', example: '0d9c3c1e-5b0a-4c0e-9f63-1f7f3b0f2a11' })
  deskId!: string;

  @ApiProperty({ description: 'Desk acted for through a delegation ("en l’absence de …")', format: 'uuid', nullable: true, type: String, example: null })
  onBehalfOfDeskId!: string | null;

  @ApiProperty({ description: 'PAdES level', example: 'B-T' })
  level!: string;

  @ApiProperty({ description: 'True for the organisation seal', example: false })
  seal!: boolean;
}

export class DocumentVersionDto {
  @ApiProperty({ description: 'Version id', format: 'uuid', example: '7c8e2f0a-1b2c-4d3e-8f90-112233445566' })
  id!: string;

  @ApiProperty({ description: '1 = the upload; each signature adds one', example: 1 })
  version!: number;

  @ApiProperty({ description: 'SHA-256 of the bytes, hex', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256!: string;

  @ApiProperty({ description: 'Size in bytes', example: 48213 })
  size!: number;

  @ApiProperty({ description: 'Who signed this version (null for the upload)', type: DocumentVersionSignatureDto, nullable: true })
  signature!: DocumentVersionSignatureDto | null;

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-03-02T10:15:00.000Z' })
  createdAt!: string;
}

export class DocumentDto {
  @ApiProperty({ description: 'Document id', format: 'uuid', example: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' })
  id!: string;

  @ApiProperty({ description: 'main = a PDF to sign; annex = attached, never signed', enum: DocumentRole, enumName: 'DocumentRole', example: DocumentRole.Main })
  role!: DocumentRole;

  @ApiProperty({ description: 'File name as uploaded', example: 'deliberation-2026-014.pdf' })
  fileName!: string;

  @ApiProperty({ description: 'Media type', example: 'application/pdf' })
  contentType!: string;

  @ApiProperty({ description: 'Order among the documents of the same role (1, 2…)', example: 1 })
  position!: number;

  @ApiProperty({ description: 'Versions, oldest first; the last one is the current state', type: [DocumentVersionDto] })
  versions!: DocumentVersionDto[];
}
