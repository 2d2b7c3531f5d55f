import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Response } from 'express';
import { PLAN_CAP_RETRY_AFTER_SECONDS, StaffingPlansService } from '@sow/core';
import { DomainError } from '@sow/domain';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ErrorBody } from '../http/error-body';
import { UuidParam } from '../http/params';
import { sendSerializedJson } from '../http/serialized-response';
import { ApprovePlanRequest, CreateStaffingPlanRequest, PlanGetQuery, PlanListQuery, RejectPlanRequest, StaffingPlanPage, StaffingPlanResponse } from './staffing-plan.dto';

@ApiTags('staffing-plans')
@ApiBearerAuth()
@Controller('staffing-plans')
export class StaffingPlansController {
  constructor(private readonly plans: StaffingPlansService) {}

  @Post()
  @HttpCode(202)
  @Roles('senior_manager', 'engagement_manager', 'admin')
  @ApiAcceptedResponse({ type: StaffingPlanResponse, description: 'Queued; poll GET /staffing-plans/:id (Location header). A request like a queued one folds into it' })
  @ApiTooManyRequestsResponse({
    type: ErrorBody,
    description: 'The caller already has 3 plans queued or running',
    headers: { 'Retry-After': { description: 'Seconds to wait before asking again', schema: { type: 'integer' } } },
  })
  @ApiOperation({ summary: 'Request a staffing plan (rebalance)' })
  async create(@Body() body: CreateStaffingPlanRequest, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<StaffingPlanResponse> {
    const plan = await this.plans
      .request(
        { horizon: body.horizon, sowIds: body.sowIds ?? null, method: body.method, timeLimitMs: body.timeLimitMs, moveApproved: body.moveApproved, trigger: 'manual' },
        { userId: principal.userId, role: principal.role },
      )
      .catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'rate_limited') res.setHeader('Retry-After', String(PLAN_CAP_RETRY_AFTER_SECONDS));
        throw error;
      });
    res.setHeader('Location', `/api/v1/staffing-plans/${plan.id}`);
    return plan;
  }

  @Get()
  @Roles('senior_manager', 'engagement_manager', 'admin')
  @ApiOkResponse({ type: StaffingPlanPage })
  @ApiOperation({ summary: 'List staffing plans' })
  list(@Query() query: PlanListQuery): Promise<StaffingPlanPage> {
    return this.plans.list({ status: query.status, limit: query.limit, offset: query.offset });
  }

  @Get(':id')
  @Roles('senior_manager', 'engagement_manager', 'admin')
  @ApiOkResponse({ type: StaffingPlanResponse, description: 'The plan with one page of its moves (movesOffset, movesLimit; movesTotal says how many)' })
  @ApiOperation({ summary: 'Get a staffing plan with a page of its moves' })
  async get(@UuidParam() id: string, @Query() query: PlanGetQuery, @Res() res: Response): Promise<void> {
    // Memoised JSON for finished plans, with a strong ETag (304 on If-None-Match).
    sendSerializedJson(res, await this.plans.getJson(id, { offset: query.movesOffset, limit: query.movesLimit }));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('senior_manager', 'admin')
  @ApiOkResponse({ type: StaffingPlanResponse, description: 'Every move applied in one transaction; not by the plan’s requester (an admin only as an override with a reason, audited)' })
  @ApiConflictResponse({ type: ErrorBody, description: 'The plan is not proposed, or it is stale (nothing applied)' })
  @ApiOperation({ summary: 'Approve a proposed staffing plan' })
  approve(@UuidParam() id: string, @Body() body: ApprovePlanRequest, @CurrentPrincipal() principal: Principal): Promise<StaffingPlanResponse> {
    return this.plans.approve(id, { userId: principal.userId, role: principal.role }, body.reason);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('senior_manager')
  @ApiOkResponse({ type: StaffingPlanResponse })
  @ApiOperation({ summary: 'Reject a proposed staffing plan' })
  reject(@UuidParam() id: string, @Body() body: RejectPlanRequest, @CurrentPrincipal() principal: Principal): Promise<StaffingPlanResponse> {
    return this.plans.reject(id, body.reason, { userId: principal.userId, role: principal.role });
  }
}
