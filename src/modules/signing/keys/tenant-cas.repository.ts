import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { Tenant } from '../../tenants/tenant.entity';
import { TenantCa } from './tenant-ca.entity';

export type NewTenantCa = Pick<TenantCa, 'id' | 'tenantId' | 'rootCertificatePem' | 'certificatePem' | 'privateKeyEnc' | 'keyVersion' | 'notAfter'>;

@Injectable()
export class TenantCasRepository {
  private readonly cas: Repository<TenantCa>;

  constructor(private readonly dataSource: DataSource) {
    this.cas = dataSource.getRepository(TenantCa);
  }

  findForTenant(tenantId: string): Promise<TenantCa | null> {
    return this.cas.findOneBy({ tenantId });
  }

  async tenantName(tenantId: string): Promise<string | undefined> {
    return (await this.dataSource.getRepository(Tenant).findOneBy({ id: tenantId }))?.name;
  }

  /** Two first enrolments at once: the first insert wins, the other one's CA is dropped. */
  async insertIfAbsent(values: NewTenantCa): Promise<void> {
    await this.cas.createQueryBuilder().insert().values(values).orIgnore().execute();
  }
}
