import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { Tenant, type TenantSettings } from './tenant.entity';

@Injectable()
export class TenantsRepository {
  private readonly tenants: Repository<Tenant>;

  constructor(dataSource: DataSource) {
    this.tenants = dataSource.getRepository(Tenant);
  }

  findById(id: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ id });
  }

  findBySiren(siren: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ siren });
  }

  count(): Promise<number> {
    return this.tenants.count();
  }

  insert(values: { name: string; siren: string; settings?: TenantSettings }): Promise<Tenant> {
    return this.tenants.save(this.tenants.create({ settings: {}, ...values }));
  }
}
