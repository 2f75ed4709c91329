import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { Folder } from './folder.entity';

export enum CommentVisibility {
  /** Everyone who can see the folder. */
  Public = 'public',
  /** Its author only. */
  Private = 'private',
}

@Entity({ name: 'comments' })
@Index('IDX_comments_tenant_folder', ['tenantId', 'folderId', 'createdAt'])
export class FolderComment {
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

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId!: string | null;

  @Column({ name: 'author_api_key_id', type: 'uuid', nullable: true })
  authorApiKeyId!: string | null;

  @Column({ name: 'author_name', type: 'varchar', length: 200 })
  authorName!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 10 })
  visibility!: CommentVisibility;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
