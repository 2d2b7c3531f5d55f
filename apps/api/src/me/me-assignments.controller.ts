import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MeService } from '@sow/core';
import { CurrentPrincipal, Principal } from '../http/auth.decorators';
import { ErrorBody } from '../http/error-body';
import { ReportWindowQuery } from '../reports/report.dto';
import { CalendarTokenResponse, MyAssignmentResponse, MyUtilizationResponse } from './me.dto';

/** The signed-in user's own engineer record: assignments, utilization and calendar feed (any role with a linked engineer). */
@ApiTags('me')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorBody, description: 'The user has no linked engineer record' })
@Controller('me')
export class MeAssignmentsController {
  constructor(private readonly me: MeService) {}

  @Get('assignments')
  @ApiOkResponse({ type: [MyAssignmentResponse] })
  @ApiOperation({ summary: 'List my assignments' })
  assignments(@CurrentPrincipal() principal: Principal): Promise<MyAssignmentResponse[]> {
    return this.me.assignmentsOf(principal);
  }

  @Get('utilization')
  @ApiOkResponse({ type: MyUtilizationResponse, description: 'Weekly utilization and monthly travel in the window' })
  @ApiOperation({ summary: 'Get my utilization' })
  utilization(@Query() q: ReportWindowQuery, @CurrentPrincipal() principal: Principal): Promise<MyUtilizationResponse> {
    return this.me.utilization(principal, q.from, q.to);
  }

  @Post('calendar-token')
  @ApiCreatedResponse({ type: CalendarTokenResponse, description: 'Creates or rotates the feed secret; the URL is shown only in this response' })
  @ApiOperation({ summary: 'Create or rotate my calendar feed token' })
  createCalendarToken(@CurrentPrincipal() principal: Principal): Promise<CalendarTokenResponse> {
    return this.me.createCalendarToken(principal);
  }

  @Delete('calendar-token')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The feed URL stops working' })
  @ApiOperation({ summary: 'Revoke my calendar feed token' })
  async revokeCalendarToken(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.me.revokeCalendarToken(principal);
  }
}
