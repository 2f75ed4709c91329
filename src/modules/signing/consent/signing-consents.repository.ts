import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { type ConsentMethod, SigningConsent } from './signing-consent.entity';

@Injectable()
export class SigningConsentsRepository {
  private readonly consents: Repository<SigningConsent>;

  constructor(dataSource: DataSource) {
    this.consents = dataSource.getRepository(SigningConsent);
  }

  insert(values: { tenantId: string; userId: string; signingKeyId: string; method: ConsentMethod; folderIds: string[] }, manager?: EntityManager): Promise<SigningConsent> {
    const repository = manager ? manager.getRepository(SigningConsent) : this.consents;
    return repository.save(repository.create(values));
  }

  findInTenant(tenantId: string, id: string, manager?: EntityManager): Promise<SigningConsent | null> {
    return (manager ? manager.getRepository(SigningConsent) : this.consents).findOneBy({ tenantId, id });
  }
}
