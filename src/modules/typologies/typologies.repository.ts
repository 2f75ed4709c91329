import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { isUuid } from '../circuits/uuid';
import { Typology } from './typology.entity';

export type TypologyValues = Pick<Typology, 'tenantId' | 'type' | 'subtype' | 'circuitId' | 'level' | 'stamp' | 'metadataSchema' | 'requiredAnnexes' | 'active'>;

@Injectable()
export class TypologiesRepository {
  private readonly typologies: Repository<Typology>;

  constructor(private readonly dataSource: DataSource) {
    this.typologies = dataSource.getRepository(Typology);
  }

  list(tenantId: string): Promise<Typology[]> {
    return this.typologies.find({ where: { tenantId }, order: { type: 'ASC', subtype: 'ASC', id: 'ASC' } });
  }

  async find(tenantId: string, id: string): Promise<Typology | null> {
    return isUuid(id) ? this.typologies.findOneBy({ tenantId, id }) : null;
  }

  /** On the caller's connection (a signing transaction must not wait for a second pooled connection). */
  async findWith(manager: EntityManager, tenantId: string, id: string): Promise<Typology | null> {
    return isUuid(id) ? manager.getRepository(Typology).findOneBy({ tenantId, id }) : null;
  }

  findByName(tenantId: string, type: string, subtype: string): Promise<Typology | null> {
    return this.typologies.findOneBy({ tenantId, type, subtype });
  }

  /** Runs `work` in one transaction (a write and its audit event). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insert(values: TypologyValues, manager?: EntityManager): Promise<Typology> {
    const typologies = manager?.getRepository(Typology) ?? this.typologies;
    return typologies.save(typologies.create(values));
  }

  /** Replaces every value (no deep merge: a new stamp or schema replaces the old one whole). */
  update(typology: Typology, values: TypologyValues, manager?: EntityManager): Promise<Typology> {
    return (manager?.getRepository(Typology) ?? this.typologies).save(Object.assign(typology, values));
  }

  async delete(tenantId: string, id: string, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(Typology) ?? this.typologies).delete({ tenantId, id });
  }

  /** Whether a folder (the folders module's table) names this typology: then it may only be deactivated. */
  async usedByFolders(tenantId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM folders WHERE tenant_id = $1 AND typology_id = $2 LIMIT 1', [tenantId, id]);
    return rows.length > 0;
  }
}
