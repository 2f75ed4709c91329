import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UserSignatureImage } from './signature-image.entity';

@Injectable()
export class SignatureImagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(tenantId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<UserSignatureImage | null> {
    return manager.getRepository(UserSignatureImage).findOneBy({ tenantId, userId });
  }

  async upsert(manager: EntityManager, values: Omit<UserSignatureImage, 'updatedAt' | 'user' | 'tenant'>): Promise<UserSignatureImage> {
    await manager.getRepository(UserSignatureImage).upsert({ ...values, updatedAt: new Date() }, ['userId']);
    return manager.getRepository(UserSignatureImage).findOneByOrFail({ tenantId: values.tenantId, userId: values.userId });
  }

  async delete(manager: EntityManager, tenantId: string, userId: string): Promise<boolean> {
    return ((await manager.getRepository(UserSignatureImage).delete({ tenantId, userId })).affected ?? 0) > 0;
  }
}
