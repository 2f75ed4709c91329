import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const DATE = '2026-11-23T13:05:00.000Z';
const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

export class EvidenceTenantDto {
  @ApiProperty({ description: 'Tenant name', example: 'Commune de Saint-Martin' })
  name!: string;

  @ApiProperty({ description: 'SIREN', example: '217500016' })
  siren!: string;
}

export class EvidenceFolderDto {
  @ApiProperty({ description: 'Folder id', format: 'uuid', example: '5b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  id!: string;

  @ApiProperty({ description: 'Title', example: 'Marché de voirie 2026' })
  title!: string;

  @ApiProperty({ description: 'Reference in the business software', nullable: true, type: String, example: 'DEL-2026-042' })
  externalId!: string | null;

  @ApiProperty({ description: 'Status', example: 'completed' })
  status!: string;

  @ApiProperty({ description: 'Typology (type / subtype)', nullable: true, type: String, example: 'Finances / Bordereau de mandats' })
  typology!: string | null;

  @ApiProperty({ description: 'Circuit and version', nullable: true, type: String, example: 'Circuit finances (version 3)' })
  circuit!: string | null;

  @ApiProperty({ description: 'Metadata', type: 'object', additionalProperties: true, example: { montant: 12000 } })
  metadata!: Record<string, string | number | boolean | null>;

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: DATE })
  createdAt!: string;

  @ApiProperty({ description: 'Who created it', nullable: true, type: String, example: 'Julie Secrétaire' })
  createdBy!: string | null;

  @ApiProperty({ description: 'Due date', format: 'date-time', nullable: true, type: String, example: DATE })
  dueAt!: string | null;

  @ApiProperty({ description: 'When it completed, was rejected or withdrawn', format: 'date-time', nullable: true, type: String, example: DATE })
  finishedAt!: string | null;

  @ApiProperty({ description: 'Reason of a rejection', nullable: true, type: String, example: null })
  finishedReason!: string | null;
}

export class EvidenceActionDto {
  @ApiProperty({ description: 'What was done', enum: ['visa', 'signature', 'seal', 'reject', 'send_back'], enumName: 'EvidenceAction', example: 'signature' })
  action!: 'visa' | 'signature' | 'seal' | 'reject' | 'send_back';

  @ApiProperty({ description: 'Who did it', example: 'Paul Adjoint' })
  actorName!: string;

  @ApiProperty({ description: 'Desk acted with', example: '1er adjoint' })
  deskName!: string;

  @ApiProperty({ description: 'Desk acted for through a delegation ("en l’absence de …")', nullable: true, type: String, example: 'Maire' })
  onBehalfOfDeskName!: string | null;

  @ApiProperty({ description: 'When', format: 'date-time', example: DATE })
  at!: string;

  @ApiProperty({ description: 'Reason (rejection, send-back)', nullable: true, type: String, example: null })
  reason!: string | null;
}

export class EvidenceStepDto {
  @ApiProperty({ description: 'Position in the route (1-based)', example: 2 })
  position!: number;

  @ApiProperty({ description: 'Kind of step', enum: ['visa', 'signature', 'seal'], enumName: 'EvidenceStepKind', example: 'signature' })
  kind!: 'visa' | 'signature' | 'seal';

  @ApiProperty({ description: 'Step name', nullable: true, type: String, example: 'Signature du maire' })
  name!: string | null;

  @ApiProperty({ description: 'Desks of the step', type: [String], example: ['Maire'] })
  deskNames!: string[];

  @ApiProperty({ description: 'Quorum', enum: ['any', 'all'], enumName: 'EvidenceQuorum', example: 'any' })
  quorum!: 'any' | 'all';

  @ApiProperty({ description: 'Status', example: 'done' })
  status!: string;

  @ApiProperty({ description: 'When the step became active', format: 'date-time', nullable: true, type: String, example: DATE })
  activatedAt!: string | null;

  @ApiProperty({ description: 'When the step completed', format: 'date-time', nullable: true, type: String, example: DATE })
  completedAt!: string | null;

  @ApiProperty({ description: 'Actions on the step, oldest first', type: [EvidenceActionDto] })
  actions!: EvidenceActionDto[];
}

export class EvidenceSignatureDto {
  @ApiProperty({ description: 'Signer', example: 'Paul Adjoint' })
  signerName!: string;

  @ApiProperty({ description: 'Desk signed with', nullable: true, type: String, example: '1er adjoint' })
  deskName!: string | null;

  @ApiProperty({ description: 'Desk signed for through a delegation', nullable: true, type: String, example: 'Maire' })
  onBehalfOfDeskName!: string | null;

  @ApiProperty({ description: 'PAdES level', example: 'B-T' })
  level!: string;

  @ApiProperty({ description: 'An organisation seal rather than a person’s signature', example: false })
  seal!: boolean;

  @ApiProperty({ description: 'Certificate subject', nullable: true, type: String, example: 'CN=Paul Adjoint, O=Commune de Saint-Martin' })
  certificateSubject!: string | null;

  @ApiProperty({ description: 'Certificate serial number (hex)', nullable: true, type: String, example: '3A7F19C2' })
  certificateSerial!: string | null;

  @ApiProperty({ description: 'Signing time', format: 'date-time', example: DATE })
  signedAt!: string;

  @ApiPropertyOptional({ description: 'A PES V2 flow: its XAdES signatures, one per bordereau or one of the whole flow', type: () => [EvidenceXmlSignatureDto] })
  xmlSignatures?: EvidenceXmlSignatureDto[];
}

export class EvidenceXmlSignatureDto {
  @ApiProperty({ description: 'Id of the ds:Signature element', example: 'BORD_2026_0001_SIG_1' })
  signatureId!: string;

  @ApiProperty({ description: 'Id of the signed Bordereau; null for a signature of the whole PES_Aller', nullable: true, type: String, example: 'BORD_2026_0001' })
  bordereauId!: string | null;

  @ApiProperty({ description: 'SigningTime of the signature', format: 'date-time', example: DATE })
  signedAt!: string;
}

export class EvidenceVersionDto {
  @ApiProperty({ description: 'Version number (1 = as uploaded)', example: 2 })
  version!: number;

  @ApiProperty({ description: 'SHA-256 of this version (hex)', example: HASH })
  sha256!: string;

  @ApiProperty({ description: 'Size in bytes', example: 48213 })
  size!: number;

  @ApiProperty({ description: 'When the version was stored', format: 'date-time', example: DATE })
  createdAt!: string;

  @ApiProperty({ description: 'The signature that produced this version', nullable: true, type: EvidenceSignatureDto })
  signature!: EvidenceSignatureDto | null;
}

export class EvidenceDocumentDto {
  @ApiProperty({ description: 'Document id', format: 'uuid', example: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  id!: string;

  @ApiProperty({ description: 'File name', example: 'marche-voirie.pdf' })
  fileName!: string;

  @ApiProperty({ description: 'Main document (signed) or annex', enum: ['main', 'annex'], enumName: 'EvidenceDocumentRole', example: 'main' })
  role!: 'main' | 'annex';

  @ApiProperty({ description: 'Versions, oldest first', type: [EvidenceVersionDto] })
  versions!: EvidenceVersionDto[];
}

export class EvidenceCommentDto {
  @ApiProperty({ description: 'Author', example: 'Anne Martin' })
  authorName!: string;

  @ApiProperty({ description: 'Public comment', example: 'Vu, bon pour signature.' })
  body!: string;

  @ApiProperty({ description: 'When', format: 'date-time', example: DATE })
  at!: string;
}

export class EvidenceAuditEventDto {
  @ApiProperty({ description: 'Position in the tenant’s audit chain', example: 42 })
  seq!: number;

  @ApiProperty({ description: 'When', format: 'date-time', example: DATE })
  at!: string;

  @ApiProperty({ description: 'Action', example: 'folder.step.signature' })
  action!: string;

  @ApiProperty({ description: 'Actor', example: 'Paul Adjoint' })
  actorName!: string;

  @ApiProperty({ description: 'Desk acted for through a delegation', nullable: true, type: String, example: 'Maire' })
  onBehalfOfName!: string | null;

  @ApiProperty({ description: 'Hash of the event in the chain (verify with `audit:verify`)', example: HASH })
  hash!: string;
}

/** The bordereau de preuve as JSON: who did what when, document hashes and signatures. */
export class EvidenceDto {
  @ApiProperty({ description: 'When this evidence was produced', format: 'date-time', example: DATE })
  generatedAt!: string;

  @ApiProperty({ type: EvidenceTenantDto })
  tenant!: EvidenceTenantDto;

  @ApiProperty({ type: EvidenceFolderDto })
  folder!: EvidenceFolderDto;

  @ApiProperty({ description: 'Steps of the route, in order', type: [EvidenceStepDto] })
  steps!: EvidenceStepDto[];

  @ApiProperty({ description: 'Main documents first, then annexes', type: [EvidenceDocumentDto] })
  documents!: EvidenceDocumentDto[];

  @ApiProperty({ description: 'Public comments, oldest first (private comments are never included)', type: [EvidenceCommentDto] })
  comments!: EvidenceCommentDto[];

  @ApiProperty({ description: 'The folder’s audit events, in chain order', type: [EvidenceAuditEventDto] })
  auditEvents!: EvidenceAuditEventDto[];
}
