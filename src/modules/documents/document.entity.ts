import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Folder } from '../folders/folder.entity';
import { Tenant } from '../tenants/tenant.entity';

export enum DocumentRole {
  Main = 'main',
  Annex = 'annex',
}

/** A file of a folder: a main PDF (signed) or an annex; its bytes live in immutable versions. */
@Entity({ name: 'documents' })
@Unique('UQ_documents_folder_role_position', ['folderId', 'role', 'position'])
@Index('IDX_documents_tenant_folder', ['tenantId', 'folderId'])
export class Document {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'folder_id', type: 'uuid' })
  folderId!: string;

  @ManyToOne(() => Folder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'folder_id' })
  folder?: Folder;

  @Column({ type: 'varchar', length: 10 })
  role!: DocumentRole;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 200 })
  contentType!: string;

  /**
   * A PES V2 main document (application/xml): where its XAdES signatures go, one per bordereau
   * (`bordereaux`, XPath //Bordereau) or one of the whole flow (`root`, XPath .). Null otherwise.
   */
  @Column({ name: 'xml_signature_target', type: 'varchar', length: 10, nullable: true })
  xmlSignatureTarget!: 'bordereaux' | 'root' | null;

  /** 1, 2… per folder and role, in upload order. */
  @Column({ type: 'int' })
  position!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
