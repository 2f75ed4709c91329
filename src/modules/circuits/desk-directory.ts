import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from './uuid';

/** The desks circuits refer to (the users module owns them): which exist in the tenant, and their names. */
export abstract class DeskDirectory {
  /** Names of those of `ids` that are desks of the tenant; foreign and unknown ids are absent. */
  abstract deskNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>>;

  async existingDeskIds(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    return new Set((await this.deskNames(tenantId, ids)).keys());
  }
}

/** Reads the users module's `desks` table, scoped by tenant. */
@Injectable()
export class SqlDeskDirectory extends DeskDirectory {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async deskNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter(isUuid))];
    if (wanted.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query(
      'SELECT id, name FROM desks WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [tenantId, wanted],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
