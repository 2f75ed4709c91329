import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiScope, type AuthContext } from '../../common/auth';
import { ApiProblems, CommonError, CommonErrorCode } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { AuditedInService } from '../admin/admin-audit';
import { Auth, CurrentAuth, RequireScopes } from '../auth/auth.decorators';
import { CircuitsService } from './circuits.service';
import { CircuitDto, CircuitSummaryDto, CircuitVersionDto } from './dto/circuit.dto';
import { RoutePreviewDto } from './dto/route-preview.dto';
import { PreviewRouteDto, WriteCircuitDto } from './dto/write-circuit.dto';

const versionPipe = new ParseIntPipe({
  exceptionFactory: () => new CommonError(CommonErrorCode.ValidationFailed, 'Le paramètre « version » doit être un entier positif.', {
    fieldErrors: [{ field: 'version', message: 'version must be a positive integer' }],
  }),
});

@ApiTags('Circuits')
@Auth()
@Controller(`${API_V1}/circuits`)
export class CircuitsController {
  constructor(private readonly circuits: CircuitsService) {}

  @Post()
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiOperation({ summary: 'Create a circuit (version 1)', description: 'Steps are checked: at least one, desks of the tenant (none only for a seal step), well-formed conditions.' })
  @ApiCreatedResponse({ type: CircuitDto, description: 'The new circuit with its version 1' })
  @ApiProblems(400, 413, 415, 422)
  createCircuit(@CurrentAuth() auth: AuthContext, @Body() body: WriteCircuitDto): Promise<CircuitDto> {
    return this.circuits.create(auth, body);
  }

  @Get()
  @ApiOperation({ summary: 'List the tenant’s circuits, by name' })
  @ApiOkResponse({ type: [CircuitSummaryDto] })
  listCircuits(@CurrentAuth() auth: AuthContext): Promise<CircuitSummaryDto[]> {
    return this.circuits.list(auth);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A circuit with the steps of its current version' })
  @ApiOkResponse({ type: CircuitDto })
  @ApiProblems(400, 404)
  getCircuit(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<CircuitDto> {
    return this.circuits.get(auth, id);
  }

  @Put(':id')
  @RequireScopes(ApiScope.Admin)
  @AuditedInService()
  @ApiOperation({ summary: 'Edit a circuit: creates the next version', description: 'Folders already started keep the version they recorded; new folders take this one. Conditions must also fit the metadata schema of every typology using the circuit.' })
  @ApiOkResponse({ type: CircuitDto, description: 'The circuit with its new current version' })
  @ApiProblems(400, 404, 413, 415, 422)
  updateCircuit(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: WriteCircuitDto): Promise<CircuitDto> {
    return this.circuits.update(auth, id, body);
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'One version of a circuit (immutable)' })
  @ApiParam({ name: 'version', type: Number, description: 'Version number (1, 2, …)', example: 1 })
  @ApiOkResponse({ type: CircuitVersionDto })
  @ApiProblems(400, 404)
  getCircuitVersion(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Param('version', versionPipe) version: number): Promise<CircuitVersionDto> {
    return this.circuits.getVersion(auth, id, version);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The route a folder with this metadata would take', description: 'Steps that apply (with desk names) and skipped steps with the reason; the same function routes real folders at start.' })
  @ApiOkResponse({ type: RoutePreviewDto })
  @ApiProblems(400, 404, 413, 415)
  previewCircuitRoute(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: PreviewRouteDto): Promise<RoutePreviewDto> {
    return this.circuits.preview(auth, id, body);
  }
}
