import { Body, Controller, Get, Put, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { DeliveryHealthService, DeliveryMetricsService, EngineerMetrics, rowsToCsv } from '@sow/core';
import { HealthStatus } from '@sow/domain';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { UuidParam } from '../http/params';
import {
  CsatRequest,
  CsatResponse,
  DeliveryMetricsResponse,
  EstimateToCompleteRequest,
  EstimateToCompleteResponse,
  HealthInboxQuery,
  HealthInboxResponse,
  HealthQuery,
  MetricsQueryDto,
  SowHealthResponse,
} from './delivery.dto';

const METRICS_COLUMNS = [
  'engineerId',
  'name',
  'level',
  'region',
  'capacityHours',
  'targetHours',
  'plannedBillableHours',
  'billableHours',
  'nonBillableHours',
  'plannedUtilization',
  'utilization',
  'attainment',
] as const satisfies ReadonlyArray<keyof EngineerMetrics>;

/** Project health, CSAT, the EM's estimate to complete, and the SM's delivery metrics. */
@ApiTags('delivery')
@ApiBearerAuth()
@UseInterceptors(EtagInterceptor)
@Controller()
export class DeliveryController {
  constructor(
    private readonly health: DeliveryHealthService,
    private readonly metricsService: DeliveryMetricsService,
  ) {}

  @Get('sows/:id/health')
  @Roles('admin', 'senior_manager', 'engagement_manager')
  @ApiOkResponse({ type: SowHealthResponse, description: 'Burn, forecast at completion, slip and status per SOW and scope item' })
  sowHealth(@UuidParam() id: string, @Query() q: HealthQuery): Promise<SowHealthResponse> {
    return this.health.sowHealth(id, q.asOf);
  }

  @Get('sow-health')
  @Roles('admin', 'senior_manager')
  @ApiOkResponse({ type: HealthInboxResponse, description: 'The SM’s inbox: SOWs whose last computed health is at risk or off track, latest change first' })
  async inbox(@Query() q: HealthInboxQuery): Promise<HealthInboxResponse> {
    const statuses = q.status ? (q.status.split(',').map((s) => s.trim()) as HealthStatus[]) : undefined;
    return { items: await this.health.inbox(statuses) };
  }

  @Put('scope-items/:id/estimate-to-complete')
  @Roles('admin', 'senior_manager', 'engagement_manager')
  @ApiOkResponse({ type: EstimateToCompleteResponse })
  @ApiIfMatch()
  setEstimate(@UuidParam() id: string, @Body() body: EstimateToCompleteRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<EstimateToCompleteResponse> {
    return this.health.setEstimateToComplete(principal, id, body.hours, expectedVersion(ifMatch, body.version));
  }

  @Get('sows/:id/csat')
  @Roles('admin', 'senior_manager', 'engagement_manager')
  @ApiOkResponse({ type: CsatResponse })
  csat(@UuidParam() id: string): Promise<CsatResponse> {
    return this.health.csat(id);
  }

  @Put('sows/:id/csat')
  @Roles('admin', 'senior_manager', 'engagement_manager')
  @ApiOkResponse({ type: CsatResponse, description: 'On a completed SOW; a second PUT revises it (If-Match)' })
  @ApiIfMatch()
  recordCsat(@UuidParam() id: string, @Body() body: CsatRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<CsatResponse> {
    return this.health.recordCsat(principal, id, { score: body.score, comment: body.comment }, expectedVersion(ifMatch, body.version));
  }

  @Get('metrics/delivery')
  @Roles('admin', 'senior_manager')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DeliveryMetricsResponse, description: 'With `Accept: text/csv`: one row per engineer, planned and actual side by side' })
  async metrics(@Query() q: MetricsQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<DeliveryMetricsResponse | string> {
    const result = await this.metricsService.metrics(q);
    if (/\btext\/csv\b/.test(request.headers.accept ?? '')) {
      response.type('text/csv');
      response.setHeader('Content-Disposition', `attachment; filename="delivery-metrics-${q.period}.csv"`);
      return rowsToCsv(METRICS_COLUMNS, result.engineers);
    }
    return result;
  }
}
