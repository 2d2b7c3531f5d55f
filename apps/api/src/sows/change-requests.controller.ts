import { Body, Controller, Get, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChangeRequestsService } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { UuidParam } from '../http/params';
import { ReasonRequiredRequest, TransitionRequest } from './sow.dto';
import { ChangeRequestResponse } from './change-request.dto';

@ApiTags('change-requests')
@ApiBearerAuth()
@Roles('admin', 'senior_manager', 'engagement_manager')
@UseInterceptors(EtagInterceptor)
@Controller('change-requests')
export class ChangeRequestsController {
  constructor(private readonly changeRequests: ChangeRequestsService) {}

  @Get(':id')
  @ApiOkResponse({ type: ChangeRequestResponse })
  @ApiOperation({ summary: 'Get a change request' })
  get(@UuidParam() id: string): Promise<ChangeRequestResponse> {
    return this.changeRequests.get(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('senior_manager', 'admin')
  @ApiOkResponse({ type: ChangeRequestResponse, description: 'Applies every change atomically and bumps the SOW version' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Approve a change request' })
  approve(@UuidParam() id: string, @Body() body: TransitionRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<ChangeRequestResponse> {
    return this.changeRequests.approve(principal, id, body.reason, expectedVersion(ifMatch, body.version));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('senior_manager', 'admin')
  @ApiOkResponse({ type: ChangeRequestResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Reject a change request' })
  reject(@UuidParam() id: string, @Body() body: ReasonRequiredRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<ChangeRequestResponse> {
    return this.changeRequests.reject(principal, id, body.reason, expectedVersion(ifMatch, body.version));
  }
}
