import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth';
import type { FieldError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { type CircuitStep, checkSteps, normalizeSteps, routeSteps } from './circuit-steps';
import { circuitInvalid, circuitNotFound, circuitVersionNotFound } from './circuits.errors';
import { CircuitsRepository, type CircuitWithVersion, type OnWritten, type TypologySchemaRow } from './circuits.repository';
import type { Metadata } from './condition';
import { checkConditionAgainstSchema, type ConditionSchemaField } from './condition-check';
import { DeskDirectory } from './desk-directory';
import { refuseNulCharacters } from './stored-text';
import { CircuitDto, CircuitSummaryDto, CircuitVersionDto } from './dto/circuit.dto';
import type { RoutePreviewDto } from './dto/route-preview.dto';
import type { PreviewRouteDto, WriteCircuitDto } from './dto/write-circuit.dto';
import type { ResolvedRoute } from './resolved-route';

@Injectable()
export class CircuitsService {
  constructor(
    private readonly circuits: CircuitsRepository,
    private readonly desks: DeskDirectory,
    private readonly audit: AuditService,
  ) {}

  /** The audit event of a circuit write, appended in its transaction. */
  private audited(ctx: AuthContext, action: string): OnWritten {
    return (manager, { circuit, version }) => this.audit.append(manager, ctx, {
      action,
      payload: { circuitId: circuit.id, name: circuit.name, version: version.version, circuitVersionId: version.id, steps: version.steps.length },
    });
  }

  async create(ctx: AuthContext, input: WriteCircuitDto): Promise<CircuitDto> {
    const steps = await this.checkedSteps(ctx, input, []);
    const { circuit, version } = await this.circuits.create(ctx.tenantId, input.name.trim(), steps, this.audited(ctx, 'circuit.created'));
    return CircuitDto.fromCurrent(circuit, version);
  }

  async list(ctx: AuthContext): Promise<CircuitSummaryDto[]> {
    return (await this.circuits.list(ctx.tenantId)).map(CircuitSummaryDto.from);
  }

  async get(ctx: AuthContext, id: string): Promise<CircuitDto> {
    const { circuit, version } = await this.current(ctx, id);
    return CircuitDto.fromCurrent(circuit, version);
  }

  /** A new version; folders already started keep the version they recorded. */
  async update(ctx: AuthContext, id: string, input: WriteCircuitDto): Promise<CircuitDto> {
    await this.current(ctx, id);
    const steps = await this.checkedSteps(ctx, input, await this.circuits.typologySchemas(ctx.tenantId, id));
    const updated = await this.circuits.appendVersion(ctx.tenantId, id, input.name.trim(), steps, this.audited(ctx, 'circuit.version.created'));
    if (!updated) throw circuitNotFound(id);
    return CircuitDto.fromCurrent(updated.circuit, updated.version);
  }

  async getVersion(ctx: AuthContext, id: string, version: number): Promise<CircuitVersionDto> {
    const { circuit, version: found } = await this.versionOf(ctx, id, version);
    return CircuitVersionDto.from(circuit, found);
  }

  /** The route of the circuit's current version for this metadata (folder start). */
  async resolveRoute(ctx: AuthContext, circuitId: string, metadata: Metadata): Promise<ResolvedRoute> {
    return toRoute(await this.current(ctx, circuitId), metadata);
  }

  /** The route of one recorded version (a folder keeps its version), for this metadata. */
  async resolveRouteForVersion(ctx: AuthContext, circuitVersionId: string, metadata: Metadata): Promise<ResolvedRoute> {
    const found = await this.circuits.findByVersionId(ctx.tenantId, circuitVersionId);
    if (!found) throw circuitVersionNotFound(circuitVersionId);
    return toRoute(found, metadata);
  }

  /** What a folder with this metadata would go through, from the same function as the real route. */
  async preview(ctx: AuthContext, circuitId: string, input: PreviewRouteDto): Promise<RoutePreviewDto> {
    const found = input.version === undefined ? await this.current(ctx, circuitId) : await this.versionOf(ctx, circuitId, input.version);
    const route = toRoute(found, input.metadata);
    const names = await this.desks.deskNames(ctx.tenantId, route.steps.flatMap((s) => s.deskIds));
    return {
      circuitId: route.circuitId,
      circuitVersionId: route.circuitVersionId,
      version: route.version,
      steps: route.steps.filter((s) => s.included).map((s) => ({
        position: s.position, kind: s.kind, ...(s.name !== undefined && { name: s.name }), quorum: s.quorum,
        desks: s.deskIds.map((id) => ({ id, name: names.get(id) ?? null })),
      })),
      skipped: route.steps.filter((s) => !s.included).map((s) => ({
        position: s.position, kind: s.kind, ...(s.name !== undefined && { name: s.name }), reason: s.skippedReason ?? 'Condition non remplie.',
      })),
    };
  }

  /**
   * For typologies: the circuit must be the tenant's (404 otherwise) and the conditions of its current
   * version must fit the metadata schema. Returns the errors (paths `circuit.steps.N.condition…`).
   */
  async checkFitsSchema(ctx: AuthContext, circuitId: string, fields: readonly ConditionSchemaField[]): Promise<FieldError[]> {
    const { version } = await this.current(ctx, circuitId);
    return version.steps.flatMap((step, i) => (step.condition ? checkConditionAgainstSchema(step.condition, fields, `circuit.steps.${i}.condition`) : []));
  }

  private async checkedSteps(ctx: AuthContext, input: WriteCircuitDto, schemas: TypologySchemaRow[]): Promise<CircuitStep[]> {
    refuseNulCharacters(input);
    const known = await this.desks.existingDeskIds(ctx.tenantId, input.steps.flatMap((s) => s.deskIds));
    const errors = [
      ...(input.name.trim() ? [] : [{ field: 'name', message: 'Le nom du circuit ne peut pas être vide.' }]),
      ...checkSteps(input.steps, known, schemas),
    ];
    if (errors.length > 0) throw circuitInvalid(errors);
    return normalizeSteps(input.steps);
  }

  private async current(ctx: AuthContext, id: string): Promise<CircuitWithVersion> {
    const found = await this.circuits.findCurrent(ctx.tenantId, id);
    if (!found) throw circuitNotFound(id);
    return found;
  }

  private async versionOf(ctx: AuthContext, id: string, version: number): Promise<CircuitWithVersion> {
    const circuit = await this.circuits.findCircuit(ctx.tenantId, id);
    if (!circuit) throw circuitNotFound(id);
    const found = await this.circuits.findVersion(ctx.tenantId, id, version);
    if (!found) throw circuitVersionNotFound(`${version} pour le circuit ${id}`);
    return { circuit, version: found };
  }
}

function toRoute({ circuit, version }: CircuitWithVersion, metadata: Metadata): ResolvedRoute {
  return { circuitId: circuit.id, circuitVersionId: version.id, version: version.version, steps: routeSteps(version.steps, metadata) };
}
