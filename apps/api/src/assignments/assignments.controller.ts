import { Body, Controller, Get, HttpCode, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AssignmentsService } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ErrorBody } from '../http/error-body';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { UuidParam } from '../http/params';
import {
  ApproveAssignmentRequest,
  AssignmentListQuery,
  AssignmentPage,
  AssignmentResponse,
  ProposeAssignmentRequest,
  ReleaseAssignmentRequest,
  UpdateAssignmentRequest,
} from './assignment.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@UseInterceptors(EtagInterceptor)
@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post('scope-items/:id/assignments')
  @Roles('engagement_manager', 'senior_manager')
  @ApiCreatedResponse({ type: AssignmentResponse, description: 'Proposed; the score at this moment is stored with it' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'rule_violation: details list every broken rule (eligibility and lead_required)' })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'overrideReason from anyone but a senior manager' })
  @ApiOperation({ summary: 'Propose an assignment for a scope item' })
  propose(@UuidParam() id: string, @Body() body: ProposeAssignmentRequest, @CurrentPrincipal() principal: Principal): Promise<AssignmentResponse> {
    return this.assignments.propose(principal, id, body);
  }

  @Get('assignments')
  @Roles('engagement_manager', 'senior_manager', 'admin', 'engineer')
  @ApiOkResponse({ type: AssignmentPage, description: 'Engineers see only their own' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'An engineer asking for another engineer’s assignments (engineerId)' })
  @ApiOperation({ summary: 'List assignments' })
  list(@Query() query: AssignmentListQuery, @CurrentPrincipal() principal: Principal): Promise<AssignmentPage> {
    return this.assignments.list(principal, query);
  }

  @Get('assignments/:id')
  @ApiOkResponse({ type: AssignmentResponse, description: 'Engineers may read only their own (others are 404)' })
  @ApiOperation({ summary: 'Get an assignment' })
  get(@UuidParam() id: string, @CurrentPrincipal() principal: Principal): Promise<AssignmentResponse> {
    return this.assignments.get(principal, id);
  }

  @Patch('assignments/:id')
  @Roles('engagement_manager', 'senior_manager')
  @ApiOkResponse({ type: AssignmentResponse, description: 'Rules are checked again; 422 lists what the change would break' })
  @ApiIfMatch()
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'rule_violation: details list every rule the change would break' })
  @ApiOperation({ summary: 'Update an assignment' })
  update(@UuidParam() id: string, @Body() body: UpdateAssignmentRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<AssignmentResponse> {
    const { version, ...patch } = body;
    return this.assignments.update(principal, id, patch, expectedVersion(ifMatch, version));
  }

  @Post('assignments/:id/approve')
  @HttpCode(200)
  @Roles('senior_manager')
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiIfMatch()
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'rule_violation: the assignment breaks a rule today' })
  @ApiOperation({ summary: 'Approve a proposed assignment' })
  approve(@UuidParam() id: string, @Body() body: ApproveAssignmentRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<AssignmentResponse> {
    return this.assignments.approve(principal, id, expectedVersion(ifMatch, body.version));
  }

  @Post('assignments/:id/release')
  @HttpCode(200)
  @Roles('engagement_manager', 'senior_manager')
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Release an assignment' })
  release(@UuidParam() id: string, @Body() body: ReleaseAssignmentRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<AssignmentResponse> {
    return this.assignments.release(principal, id, body.reason, expectedVersion(ifMatch, body.version));
  }
}
