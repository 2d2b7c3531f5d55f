import { Body, Controller, Get, HttpCode, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBody } from '../http/error-body';
import { TimesheetsService } from '@sow/core';
import { DomainError } from '@sow/domain';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { UuidParam } from '../http/params';
import { ReasonRequiredRequest } from '../sows/sow.dto';
import {
  CreateTimesheetRequest,
  LogHoursRequest,
  MissingTimesheetsResponse,
  RemindMissingRequest,
  RemindMissingResponse,
  ReverseEntryRequest,
  TimesheetDetailResponse,
  TimesheetImportResponse,
  TimesheetListQuery,
  TimesheetPage,
  VersionRequest,
  WeekQuery,
} from './timesheet.dto';

/** Engineers log and submit their own weeks; EMs and SMs approve or return them. Engineers see only their own (others' are 404). */
@ApiTags('timesheets')
@ApiBearerAuth()
@UseInterceptors(EtagInterceptor)
@Controller('timesheets')
export class TimesheetsController {
  constructor(private readonly timesheets: TimesheetsService) {}

  @Post()
  @Roles('engineer', 'engagement_manager', 'senior_manager', 'admin')
  @ApiCreatedResponse({ type: TimesheetDetailResponse, description: 'Opens a week; 409 when the engineer already has that week' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'No such engineer, or (an engineer) not your own' })
  create(@Body() body: CreateTimesheetRequest, @CurrentPrincipal() principal: Principal): Promise<TimesheetDetailResponse> {
    return this.timesheets.create(principal, body);
  }

  @Get()
  @Roles('engineer', 'engagement_manager', 'senior_manager', 'admin')
  @ApiOkResponse({ type: TimesheetPage })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'An engineer asking for anyone else’s timesheets' })
  list(@Query() q: TimesheetListQuery, @CurrentPrincipal() principal: Principal): Promise<TimesheetPage> {
    return this.timesheets.list(principal, { engineerId: q.engineerId, weekStart: q.weekStart, status: q.status, limit: q.limit, offset: q.offset });
  }

  @Get('missing')
  @Roles('engagement_manager', 'senior_manager', 'admin')
  @ApiOkResponse({ type: MissingTimesheetsResponse, description: 'Active engineers with live work in the week and no submitted or approved timesheet' })
  missing(@Query() q: WeekQuery): Promise<MissingTimesheetsResponse> {
    return this.timesheets.missing(q.weekStart);
  }

  @Post('missing/reminders')
  @HttpCode(200)
  @Roles('engagement_manager', 'senior_manager', 'admin')
  @ApiOkResponse({ type: RemindMissingResponse, description: 'Writes a timesheet.missing outbox event per engineer not yet reminded for the week' })
  remind(@Body() body: RemindMissingRequest, @CurrentPrincipal() principal: Principal): Promise<RemindMissingResponse> {
    return this.timesheets.remindMissing(principal, body.weekStart);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('engagement_manager', 'senior_manager', 'admin')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'assignmentId,date,hours,billable,note\n' } })
  @ApiOkResponse({ type: TimesheetImportResponse, description: 'All or nothing; a 400 lists every bad line and column' })
  import(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<TimesheetImportResponse> {
    if (typeof body !== 'string') {
      throw new DomainError('validation_failed', 'Send the CSV as the body with Content-Type: text/csv', [{ field: 'body', rule: 'isCsv', message: 'expected a text/csv body' }]);
    }
    return this.timesheets.importCsv(principal, body);
  }

  @Get(':id')
  @Roles('engineer', 'engagement_manager', 'senior_manager', 'admin')
  @ApiOkResponse({ type: TimesheetDetailResponse })
  get(@UuidParam() id: string, @CurrentPrincipal() principal: Principal): Promise<TimesheetDetailResponse> {
    return this.timesheets.get(principal, id);
  }

  @Post(':id/entries')
  @HttpCode(200)
  @Roles('engineer', 'engagement_manager', 'senior_manager', 'admin')
  @ApiOkResponse({ type: TimesheetDetailResponse, description: 'Logs hours on an open or returned week' })
  @ApiIfMatch()
  log(@UuidParam() id: string, @Body() body: LogHoursRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<TimesheetDetailResponse> {
    const { version, ...input } = body;
    return this.timesheets.logHours(principal, id, input, expectedVersion(ifMatch, version));
  }

  @Post(':id/reversals')
  @HttpCode(200)
  @Roles('engineer', 'engagement_manager', 'senior_manager', 'admin')
  @ApiOkResponse({ type: TimesheetDetailResponse, description: 'Corrects an entry by a reversing entry (and optionally the corrected hours) in this open week' })
  @ApiIfMatch()
  reverse(@UuidParam() id: string, @Body() body: ReverseEntryRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<TimesheetDetailResponse> {
    const { version, ...input } = body;
    return this.timesheets.reverse(principal, id, input, expectedVersion(ifMatch, version));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('engineer', 'engagement_manager', 'senior_manager', 'admin')
  @ApiOkResponse({ type: TimesheetDetailResponse })
  @ApiIfMatch()
  submit(@UuidParam() id: string, @Body() body: VersionRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<TimesheetDetailResponse> {
    return this.timesheets.submit(principal, id, expectedVersion(ifMatch, body.version));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('engagement_manager', 'senior_manager')
  @ApiOkResponse({ type: TimesheetDetailResponse, description: 'Locks the week; refreshes the health of its SOWs (sow.health_changed on a change)' })
  @ApiIfMatch()
  approve(@UuidParam() id: string, @Body() body: VersionRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<TimesheetDetailResponse> {
    return this.timesheets.approve(principal, id, expectedVersion(ifMatch, body.version));
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('engagement_manager', 'senior_manager')
  @ApiOkResponse({ type: TimesheetDetailResponse, description: 'Sends the week back to the engineer with a reason' })
  @ApiIfMatch()
  returnWeek(@UuidParam() id: string, @Body() body: ReasonRequiredRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<TimesheetDetailResponse> {
    return this.timesheets.return(principal, id, body.reason, expectedVersion(ifMatch, body.version));
  }
}
