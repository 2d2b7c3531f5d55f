import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { BenchRow, DemandSupplyRow, ReportsService, rowsToCsv, TravelRow, UtilizationRow } from '@sow/core';
import { Roles } from '../http/auth.decorators';
import { UuidParam } from '../http/params';
import { sendSerializedJson } from '../http/serialized-response';
import {
  BenchReportResponse,
  DemandSupplyReportResponse,
  ReportWindowQuery,
  SowCoverageResponse,
  TravelReportResponse,
  UtilizationQuery,
  UtilizationReportResponse,
} from './report.dto';

const UTILIZATION_COLUMNS = ['group', 'label', 'period', 'capacityHours', 'plannedHours', 'utilization', 'target', 'status'] as const satisfies ReadonlyArray<keyof UtilizationRow>;
const BENCH_COLUMNS = ['engineerId', 'name', 'level', 'region', 'capacityHours', 'plannedHours', 'utilization', 'target', 'hoursToTarget', 'freeHours', 'bestMatches'] as const satisfies ReadonlyArray<keyof BenchRow>;
const TRAVEL_COLUMNS = ['engineerId', 'name', 'month', 'workingDays', 'onsiteDays', 'fraction', 'limit', 'exceeded'] as const satisfies ReadonlyArray<keyof TravelRow>;
const DEMAND_COLUMNS = ['skill', 'minProficiency', 'demandHours', 'unstaffedHours', 'supplyHours', 'engineers', 'balanceHours'] as const satisfies ReadonlyArray<keyof DemandSupplyRow>;

function wantsCsv(request: Request): boolean {
  return /\btext\/csv\b/.test(request.headers.accept ?? '');
}

function csv(response: Response, name: string, body: string): string {
  response.type('text/csv');
  response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return body;
}

/** With `Accept: text/csv` every report answers CSV: a header row and the same columns as the JSON items. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('senior_manager', 'engagement_manager', 'admin')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('reports/utilization')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: UtilizationReportResponse })
  @ApiOperation({ summary: 'Report utilization per engineer and week (JSON or CSV)' })
  async utilization(@Query() q: UtilizationQuery, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (wantsCsv(request)) {
      const rows = await this.reports.utilization(q.from, q.to, q.granularity, q.groupBy);
      response.send(csv(response, 'utilization', rowsToCsv(UTILIZATION_COLUMNS, rows)));
      return;
    }
    // The memoised JSON, with its ETag (304 on If-None-Match).
    sendSerializedJson(response, await this.reports.utilizationJson(q.from, q.to, q.granularity, q.groupBy));
  }

  @Get('reports/bench')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: BenchReportResponse, description: 'Active billable engineers below target in the window, with the open items that fit them best' })
  @ApiOperation({ summary: 'Report the bench (JSON or CSV)' })
  async bench(@Query() q: ReportWindowQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<BenchReportResponse | string> {
    const items = await this.reports.bench(q.from, q.to);
    if (wantsCsv(request)) {
      return csv(
        response,
        'bench',
        rowsToCsv(BENCH_COLUMNS, items, (row, column) =>
          column === 'bestMatches' ? row.bestMatches.map((m) => `${m.title} (${m.score})`).join('; ') : (row[column] as string | number | null),
        ),
      );
    }
    return { from: q.from, to: q.to, items };
  }

  @Get('reports/travel')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TravelReportResponse })
  @ApiOperation({ summary: 'Report travel per engineer and month (JSON or CSV)' })
  async travel(@Query() q: ReportWindowQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<TravelReportResponse | string> {
    const items = await this.reports.travel(q.from, q.to);
    if (wantsCsv(request)) return csv(response, 'travel', rowsToCsv(TRAVEL_COLUMNS, items));
    return { from: q.from, to: q.to, items };
  }

  @Get('reports/demand-supply')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DemandSupplyReportResponse })
  @ApiOperation({ summary: 'Report demand against supply (JSON or CSV)' })
  async demandSupply(@Query() q: ReportWindowQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<DemandSupplyReportResponse | string> {
    const items = await this.reports.demandSupply(q.from, q.to);
    if (wantsCsv(request)) return csv(response, 'demand-supply', rowsToCsv(DEMAND_COLUMNS, items));
    return { from: q.from, to: q.to, items };
  }

  @Get('sows/:id/coverage')
  @ApiOkResponse({ type: SowCoverageResponse, description: 'Per scope item: who is on it, unstaffed hours, lead gaps, over-capacity weeks and travel months over' })
  @ApiOperation({ summary: 'Report a SOW\'s staffing coverage' })
  coverage(@UuidParam() id: string): Promise<SowCoverageResponse> {
    return this.reports.coverage(id);
  }
}
