import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { ScenarioComparison, ScenariosService, ScenarioView, ScenarioRunView, PromotionView } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { PageQuery } from '../http/pagination.dto';
import { UuidParam } from '../http/params';
import {
  AddScenarioChangeRequest,
  CompareQuery,
  CreateScenarioRequest,
  CreateScenarioRunRequest,
  PromoteScenarioRequest,
  PromotionResponse,
  ScenarioComparisonResponse,
  ScenarioPage,
  ScenarioResponse,
  ScenarioRunResponse,
  UpdateScenarioRequest,
} from './scenario.dto';

/** What-if scenarios: private to their owner (a senior manager) and admins; anyone else gets 404. */
@ApiTags('scenarios')
@ApiBearerAuth()
@Roles('senior_manager', 'admin')
@UseInterceptors(EtagInterceptor)
@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @ApiCreatedResponse({ type: ScenarioResponse })
  @ApiOperation({ summary: 'Create a scenario (a private what-if layer over live data)' })
  create(@Body() body: CreateScenarioRequest, @CurrentPrincipal() principal: Principal): Promise<ScenarioView> {
    return this.scenarios.create(principal, body.name);
  }

  @Get()
  @ApiOkResponse({ type: ScenarioPage })
  @ApiOperation({ summary: 'List your scenarios (admins: all)' })
  list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<{ items: ScenarioView[]; total: number }> {
    return this.scenarios.list(principal, query.limit, query.offset);
  }

  @Get(':id')
  @ApiOkResponse({ type: ScenarioResponse })
  @ApiOperation({ summary: 'Get a scenario with its changes' })
  get(@UuidParam() id: string, @CurrentPrincipal() principal: Principal): Promise<ScenarioView> {
    return this.scenarios.get(principal, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ScenarioResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Rename a scenario' })
  update(@UuidParam() id: string, @Body() body: UpdateScenarioRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<ScenarioView> {
    return this.scenarios.rename(principal, id, body.name, expectedVersion(ifMatch, body.version));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiIfMatch()
  @ApiOperation({ summary: 'Delete a scenario, its changes and runs' })
  remove(@UuidParam() id: string, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.scenarios.remove(principal, id, ifMatch);
  }

  @Post(':id/changes')
  @ApiCreatedResponse({ type: ScenarioResponse, description: 'The scenario with the change appended. If-Match is the scenario version' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Add a change (pipeline SOW, removal, date shift, hire, leaver, engineer change)' })
  addChange(@UuidParam() id: string, @Body() body: AddScenarioChangeRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<ScenarioView> {
    return this.scenarios.addChange(principal, id, { ...body }, ifMatch);
  }

  @Delete(':id/changes/:changeId')
  @ApiOkResponse({ type: ScenarioResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Remove a change' })
  removeChange(@UuidParam() id: string, @UuidParam('changeId') changeId: string, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<ScenarioView> {
    return this.scenarios.removeChange(principal, id, changeId, ifMatch);
  }

  @Post(':id/promote')
  @HttpCode(200)
  @ApiOkResponse({ type: PromotionResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Promote: pipeline SOWs become drafts, the solve becomes a proposed staffing plan' })
  promote(@UuidParam() id: string, @Body() body: PromoteScenarioRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<PromotionView> {
    return this.scenarios.promote(principal, id, body.runId, expectedVersion(ifMatch, body.version));
  }
}

/** Solves and hiring plans of scenarios (or of live data), computed by the worker. */
@ApiTags('scenarios')
@ApiBearerAuth()
@Roles('senior_manager', 'admin')
@UseInterceptors(EtagInterceptor)
@Controller('scenario-runs')
export class ScenarioRunsController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ScenarioRunResponse, description: 'Queued; poll GET /scenario-runs/:id (Location header)' })
  @ApiNotFoundResponse({ description: 'not_found: scenarioId names no scenario you can see' })
  @ApiOperation({ summary: 'Solve a scenario (or live data), or compute a hiring plan' })
  async create(@Body() body: CreateScenarioRunRequest, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<ScenarioRunView> {
    const run = await this.scenarios.requestRun(principal, {
      scenarioId: body.scenarioId ?? null,
      kind: body.kind,
      horizon: body.horizon,
      timeLimitMs: body.timeLimitMs,
      weightByProbability: body.weightByProbability,
    });
    res.setHeader('Location', `/api/v1/scenario-runs/${run.id}`);
    return run;
  }

  @Get('compare')
  @ApiOkResponse({ type: ScenarioComparisonResponse })
  @ApiNotFoundResponse({ description: 'not_found: base or other names no run you can see' })
  @ApiConflictResponse({ description: 'illegal_transition: base or other is not a finished run' })
  @ApiOperation({ summary: 'Compare two finished solves side by side' })
  compare(@Query() query: CompareQuery, @CurrentPrincipal() principal: Principal): Promise<ScenarioComparison> {
    return this.scenarios.compare(principal, query.base, query.other);
  }

  @Get(':id')
  @ApiOkResponse({ type: ScenarioRunResponse })
  @ApiOperation({ summary: 'Get a run with its progress and result' })
  get(@UuidParam() id: string, @CurrentPrincipal() principal: Principal): Promise<ScenarioRunView> {
    return this.scenarios.getRun(principal, id);
  }
}
