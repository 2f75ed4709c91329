import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import type { CircuitStep } from './circuit-steps';
import { CircuitVersion } from './circuit-version.entity';
import { Circuit } from './circuit.entity';
import type { ConditionSchemaField } from './condition-check';
import { isUuid } from './uuid';

export interface CircuitWithVersion {
  circuit: Circuit;
  version: CircuitVersion;
}

/** A typology using a circuit, as the circuit's integrity checks see it. */
export interface TypologySchemaRow {
  label: string;
  fields: ConditionSchemaField[];
}

const MAX_INT = 2_147_483_647;

/** Called inside the write's transaction with what was written. */
export type OnWritten = (manager: EntityManager, written: CircuitWithVersion) => Promise<void>;

const noop: OnWritten = async () => undefined;

@Injectable()
export class CircuitsRepository {
  private readonly circuits: Repository<Circuit>;
  private readonly versions: Repository<CircuitVersion>;

  constructor(private readonly dataSource: DataSource) {
    this.circuits = dataSource.getRepository(Circuit);
    this.versions = dataSource.getRepository(CircuitVersion);
  }

  list(tenantId: string): Promise<Circuit[]> {
    return this.circuits.find({ where: { tenantId }, order: { name: 'ASC', id: 'ASC' } });
  }

  async findCircuit(tenantId: string, id: string): Promise<Circuit | null> {
    return isUuid(id) ? this.circuits.findOneBy({ tenantId, id }) : null;
  }

  async findVersion(tenantId: string, circuitId: string, version: number): Promise<CircuitVersion | null> {
    if (!isUuid(circuitId) || !Number.isInteger(version) || version < 1 || version > MAX_INT) return null;
    return this.versions.findOneBy({ tenantId, circuitId, version });
  }

  async findCurrent(tenantId: string, circuitId: string): Promise<CircuitWithVersion | null> {
    const circuit = await this.findCircuit(tenantId, circuitId);
    if (!circuit) return null;
    const version = await this.findVersion(tenantId, circuitId, circuit.currentVersion);
    return version && { circuit, version };
  }

  async findByVersionId(tenantId: string, versionId: string): Promise<CircuitWithVersion | null> {
    const version = isUuid(versionId) ? await this.versions.findOneBy({ tenantId, id: versionId }) : null;
    if (!version) return null;
    const circuit = await this.findCircuit(tenantId, version.circuitId);
    return circuit && { circuit, version };
  }

  /** A new circuit and its version 1, in one transaction (`written` runs in it, e.g. the audit event). */
  create(tenantId: string, name: string, steps: CircuitStep[], written: OnWritten = noop): Promise<CircuitWithVersion> {
    return this.dataSource.transaction(async (manager) => {
      const circuit = await manager.save(manager.create(Circuit, { tenantId, name, currentVersion: 1 }));
      const version = await this.insertVersion(manager, circuit, 1, steps);
      await written(manager, { circuit, version });
      return { circuit, version };
    });
  }

  /**
   * Version n + 1 with the circuit row locked, so two concurrent edits make versions n + 1 and n + 2
   * (the unique (circuit_id, version) would refuse a duplicate anyway). Null when the circuit is not the tenant's.
   */
  appendVersion(tenantId: string, circuitId: string, name: string, steps: CircuitStep[], written: OnWritten = noop): Promise<CircuitWithVersion | null> {
    return this.dataSource.transaction(async (manager) => {
      const circuit = await manager.findOne(Circuit, { where: { tenantId, id: circuitId }, lock: { mode: 'pessimistic_write' } });
      if (!circuit) return null;
      circuit.currentVersion += 1;
      circuit.name = name;
      const saved = await manager.save(circuit);
      const version = await this.insertVersion(manager, saved, saved.currentVersion, steps);
      await written(manager, { circuit: saved, version });
      return { circuit: saved, version };
    });
  }

  /** Metadata schemas of the typologies routed through this circuit (typologies module's table). */
  async typologySchemas(tenantId: string, circuitId: string): Promise<TypologySchemaRow[]> {
    const rows: Array<{ type: string; subtype: string; metadata_schema: { fields: ConditionSchemaField[] } }> = await this.dataSource.query(
      'SELECT type, subtype, metadata_schema FROM typologies WHERE tenant_id = $1 AND circuit_id = $2 ORDER BY type, subtype',
      [tenantId, circuitId],
    );
    return rows.map((row) => ({ label: `${row.type} / ${row.subtype}`, fields: row.metadata_schema.fields }));
  }

  private insertVersion(manager: EntityManager, circuit: Circuit, version: number, steps: CircuitStep[]): Promise<CircuitVersion> {
    return manager.save(manager.create(CircuitVersion, { tenantId: circuit.tenantId, circuitId: circuit.id, version, steps }));
  }
}
