import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { Blob } from './blob.entity';
import { Document } from './document.entity';

/** Who signed a version (null on the uploaded version 1). */
export interface VersionSignature {
  signerName: string;
  signerUserId: string | null;
  deskId: string;
  onBehalfOfDeskId: string | null;
  level: string;
  certificateSubject?: string;
  signingKeyId?: string;
  seal: boolean;
  field?: string;
  /** A PES V2 flow: its XAdES signatures (one per bordereau, or one of the whole flow). */
  xades?: XadesVersionSignatures;
}

export interface XadesVersionSignatures {
  target: 'bordereaux' | 'root';
  signatures: Array<{ signatureId: string; bordereauId?: string; signingTime: string }>;
}

/** One immutable state of a document: version 1 is the upload, each signature adds the next. */
@Entity({ name: 'document_versions' })
@Unique('UQ_document_versions_document_version', ['documentId', 'version'])
@Index('IDX_document_versions_tenant', ['tenantId'])
export class DocumentVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: Document;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'blob_id', type: 'uuid' })
  blobId!: string;

  @ManyToOne(() => Blob, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'blob_id' })
  blob?: Blob;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint' })
  size!: string;

  @Column({ type: 'jsonb', nullable: true })
  signature!: VersionSignature | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
