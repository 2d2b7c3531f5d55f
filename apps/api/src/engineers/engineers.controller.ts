import { Body, Controller, Delete, Get, Header, HttpCode, Patch, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { EngineersService, EngineerSearchQuery as SearchQuery, TimeOffService } from '@sow/core';
import { DomainError } from '@sow/domain';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { UuidParam } from '../http/params';
import {
  CreateEngineerRequest,
  CreateTimeOffRequest,
  EngineerPage,
  EngineerResponse,
  EngineerSearchQuery,
  ImportResultResponse,
  TimeOffResponse,
  UpdateEngineerRequest,
} from './engineer.dto';

function toQuery(query: EngineerSearchQuery): SearchQuery {
  const { skill, ...rest } = query;
  return { ...rest, skills: skill };
}

function wantsCsv(request: Request): boolean {
  return /\btext\/csv\b/.test(request.headers.accept ?? '');
}

@ApiTags('engineers')
@ApiBearerAuth()
@UseInterceptors(EtagInterceptor)
@Controller('engineers')
export class EngineersController {
  constructor(
    private readonly engineers: EngineersService,
    private readonly timeOff: TimeOffService,
  ) {}

  @Get()
  @Roles('admin', 'senior_manager', 'engagement_manager')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: EngineerPage, description: 'With `Accept: text/csv`, every match (no paging) as CSV in the import shape' })
  @ApiOperation({ summary: 'Search engineers (JSON page or CSV)' })
  async search(@Query() query: EngineerSearchQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<EngineerPage | string> {
    if (wantsCsv(request)) {
      response.type('text/csv');
      return this.engineers.exportCsv(toQuery(query));
    }
    return this.engineers.search(toQuery(query));
  }

  @Get('export')
  @Roles('admin', 'senior_manager', 'engagement_manager')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="engineers.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'Columns: name,email,level,region,timezone,weeklyCapacityHours,utilizationTarget,maxUtilization,travelLimit,clearance,billable,active,skills,leadCapable' })
  @ApiOperation({ summary: 'Export engineers as CSV' })
  export(@Query() query: EngineerSearchQuery): Promise<string> {
    return this.engineers.exportCsv(toQuery(query));
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'senior_manager')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'name,email,level,region,timezone,weeklyCapacityHours,utilizationTarget,maxUtilization,travelLimit,clearance,billable,active,skills\n' } })
  @ApiOkResponse({ type: ImportResultResponse, description: 'Upsert by email, all or nothing; a 400 lists every bad line and column' })
  @ApiOperation({ summary: 'Import engineers from CSV' })
  import(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<ImportResultResponse> {
    if (typeof body !== 'string') {
      throw new DomainError('validation_failed', 'Send the CSV as the body with Content-Type: text/csv', [
        { field: 'body', rule: 'isCsv', message: 'expected a text/csv body' },
      ]);
    }
    return this.engineers.importCsv(principal, body);
  }

  @Post()
  @Roles('admin', 'senior_manager')
  @ApiCreatedResponse({ type: EngineerResponse })
  @ApiOperation({ summary: 'Create an engineer' })
  create(@Body() body: CreateEngineerRequest, @CurrentPrincipal() principal: Principal): Promise<EngineerResponse> {
    return this.engineers.create(principal, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: EngineerResponse, description: 'Engineers may read only their own record (others are 404)' })
  @ApiOperation({ summary: 'Get an engineer' })
  get(@UuidParam() id: string, @CurrentPrincipal() principal: Principal): Promise<EngineerResponse> {
    return this.engineers.get(principal, id);
  }

  @Patch(':id')
  @Roles('admin', 'senior_manager')
  @ApiOkResponse({ type: EngineerResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Update an engineer' })
  update(@UuidParam() id: string, @Body() body: UpdateEngineerRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<EngineerResponse> {
    const { version, ...patch } = body;
    return this.engineers.update(principal, id, patch, expectedVersion(ifMatch, version));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'senior_manager')
  @ApiNoContentResponse()
  @ApiIfMatch()
  @ApiOperation({ summary: 'Delete an engineer' })
  async remove(@UuidParam() id: string, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.engineers.remove(principal, id, ifMatch);
  }

  @Get(':id/time-off')
  @ApiOkResponse({ type: [TimeOffResponse] })
  @ApiOperation({ summary: 'List an engineer\'s time off' })
  listTimeOff(@UuidParam() id: string, @CurrentPrincipal() principal: Principal): Promise<TimeOffResponse[]> {
    return this.timeOff.list(principal, id);
  }

  @Post(':id/time-off')
  @Roles('admin', 'senior_manager', 'engineer')
  @ApiCreatedResponse({ type: TimeOffResponse, description: 'Overlapping ranges are refused with 409 naming the clash' })
  @ApiOperation({ summary: 'Add time off for an engineer' })
  addTimeOff(@UuidParam() id: string, @Body() body: CreateTimeOffRequest, @CurrentPrincipal() principal: Principal): Promise<TimeOffResponse> {
    return this.timeOff.add(principal, id, body);
  }

  @Delete(':id/time-off/:timeOffId')
  @HttpCode(204)
  @Roles('admin', 'senior_manager', 'engineer')
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Delete an engineer\'s time off' })
  async removeTimeOff(@UuidParam() id: string, @UuidParam('timeOffId') timeOffId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.timeOff.remove(principal, id, timeOffId);
  }
}
