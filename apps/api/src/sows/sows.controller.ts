import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ChangeRequestsService, SowsService } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { UuidParam } from '../http/params';
import { ChangeRequestResponse, CreateChangeRequestRequest, toScopeChanges } from './change-request.dto';
import {
  AuditEventResponse,
  CreateScopeItemRequest,
  CreateSowRequest,
  PatchScopeItemRequest,
  QuoteQuery,
  QuoteResponse,
  ReasonRequiredRequest,
  ScopeItemResponse,
  SowListQuery,
  SowPage,
  SowResponse,
  TransitionRequest,
  UpdateSowRequest,
} from './sow.dto';

/**
 * SOWs, their scope and their lifecycle. Reading is open to managers; object-level rules (own SOW,
 * four-eyes approval) live in the services.
 */
@ApiTags('sows')
@ApiBearerAuth()
@Roles('admin', 'senior_manager', 'engagement_manager')
@UseInterceptors(EtagInterceptor)
@Controller('sows')
export class SowsController {
  constructor(
    private readonly sows: SowsService,
    private readonly changeRequests: ChangeRequestsService,
  ) {}

  @Post()
  @Roles('engagement_manager')
  @ApiCreatedResponse({ type: SowResponse, description: 'A draft; the caller becomes its engagement manager' })
  @ApiOperation({ summary: 'Create a SOW' })
  create(@Body() body: CreateSowRequest, @CurrentPrincipal() principal: Principal): Promise<SowResponse> {
    return this.sows.create(principal, body);
  }

  @Get()
  @ApiOkResponse({ type: SowPage })
  @ApiOperation({ summary: 'List SOWs' })
  list(@Query() query: SowListQuery, @CurrentPrincipal() principal: Principal): Promise<SowPage> {
    return this.sows.list({
      status: query.status,
      customerId: query.customerId,
      engagementManagerId: query.mine ? principal.userId : undefined,
      limit: query.limit,
      offset: query.offset,
    });
  }

  @Get(':id')
  @ApiOkResponse({ type: SowResponse })
  @ApiOperation({ summary: 'Get a SOW' })
  get(@UuidParam() id: string): Promise<SowResponse> {
    return this.sows.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SowResponse, description: 'Drafts only' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Update a draft SOW' })
  update(@UuidParam() id: string, @Body() body: UpdateSowRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<SowResponse> {
    const { version, ...patch } = body;
    return this.sows.update(principal, id, patch, expectedVersion(ifMatch, version));
  }

  @Get(':id/quote')
  @ApiOkResponse({ type: QuoteResponse, description: 'Priced at the active rate card of the SOW currency' })
  @ApiUnprocessableEntityResponse({ description: 'rule_violation: no active rate card for the SOW currency' })
  @ApiOperation({ summary: 'Quote a SOW' })
  quote(@UuidParam() id: string, @Query() query: QuoteQuery): Promise<QuoteResponse> {
    return this.sows.quote(id, query);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: [AuditEventResponse], description: 'The SOW’s, its items’ and its change requests’ events, oldest first' })
  @ApiOperation({ summary: 'Get a SOW\'s audit history' })
  history(@UuidParam() id: string): Promise<AuditEventResponse[]> {
    return this.sows.history(id);
  }

  @Post(':id/scope-items')
  @ApiCreatedResponse({ type: ScopeItemResponse, description: 'From a template (templateKey + parameters) or hand-written; drafts only. If-Match is the SOW version' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Add a scope item to a draft SOW' })
  addScopeItem(@UuidParam() id: string, @Body() body: CreateScopeItemRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<ScopeItemResponse> {
    return this.sows.addScopeItem(principal, id, body, ifMatch);
  }

  @Patch(':id/scope-items/:itemId')
  @ApiOkResponse({ type: ScopeItemResponse, description: 'Drafts only. If-Match is the item version' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Update a scope item of a draft SOW' })
  updateScopeItem(
    @UuidParam() id: string,
    @UuidParam('itemId') itemId: string,
    @Body() body: PatchScopeItemRequest,
    @IfMatch() ifMatch: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ScopeItemResponse> {
    const { version, ...patch } = body;
    return this.sows.updateScopeItem(principal, id, itemId, patch, expectedVersion(ifMatch, version));
  }

  @Delete(':id/scope-items/:itemId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Drafts only' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Delete a scope item of a draft SOW' })
  async removeScopeItem(@UuidParam() id: string, @UuidParam('itemId') itemId: string, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.sows.removeScopeItem(principal, id, itemId, ifMatch);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: SowResponse })
  @ApiIfMatch()
  @ApiUnprocessableEntityResponse({ description: 'rule_violation: a SOW needs at least one scope item' })
  @ApiOperation({ summary: 'Submit a SOW for approval' })
  submit(@UuidParam() id: string, @Body() body: TransitionRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<SowResponse> {
    return this.sows.submit(principal, id, { reason: body.reason, expectedVersion: expectedVersion(ifMatch, body.version) });
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('senior_manager', 'admin')
  @ApiOkResponse({ type: SowResponse, description: 'A senior manager who neither manages nor submitted the SOW; an admin only as an override with a reason (audited)' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Approve a submitted SOW' })
  approve(@UuidParam() id: string, @Body() body: TransitionRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<SowResponse> {
    return this.sows.approve(principal, id, { reason: body.reason, expectedVersion: expectedVersion(ifMatch, body.version) });
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('senior_manager', 'admin')
  @ApiOkResponse({ type: SowResponse, description: 'A senior manager who neither manages nor submitted the SOW; an admin only as an override with a reason (audited)' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Reject a submitted SOW' })
  reject(@UuidParam() id: string, @Body() body: ReasonRequiredRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<SowResponse> {
    return this.sows.reject(principal, id, { reason: body.reason, expectedVersion: expectedVersion(ifMatch, body.version) });
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: SowResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Activate an approved SOW' })
  activate(@UuidParam() id: string, @Body() body: TransitionRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<SowResponse> {
    return this.sows.activate(principal, id, { reason: body.reason, expectedVersion: expectedVersion(ifMatch, body.version) });
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: SowResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Complete an active SOW' })
  complete(@UuidParam() id: string, @Body() body: TransitionRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<SowResponse> {
    return this.sows.complete(principal, id, { reason: body.reason, expectedVersion: expectedVersion(ifMatch, body.version) });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: SowResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Cancel a SOW' })
  cancel(@UuidParam() id: string, @Body() body: ReasonRequiredRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<SowResponse> {
    return this.sows.cancel(principal, id, { reason: body.reason, expectedVersion: expectedVersion(ifMatch, body.version) });
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: SowResponse, description: 'rejected → draft' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Reopen a rejected SOW as a draft' })
  reopen(@UuidParam() id: string, @Body() body: TransitionRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<SowResponse> {
    return this.sows.reopen(principal, id, { reason: body.reason, expectedVersion: expectedVersion(ifMatch, body.version) });
  }

  @Post(':id/change-requests')
  @ApiCreatedResponse({ type: ChangeRequestResponse, description: 'Approved or active SOWs; every change is validated before anything is stored' })
  @ApiOperation({ summary: 'Request a change to an approved SOW' })
  createChangeRequest(@UuidParam() id: string, @Body() body: CreateChangeRequestRequest, @CurrentPrincipal() principal: Principal): Promise<ChangeRequestResponse> {
    return this.changeRequests.create(principal, id, { reason: body.reason, changes: toScopeChanges(body.changes) });
  }

  @Get(':id/change-requests')
  @ApiOkResponse({ type: [ChangeRequestResponse] })
  @ApiOperation({ summary: 'List a SOW\'s change requests' })
  listChangeRequests(@UuidParam() id: string): Promise<ChangeRequestResponse[]> {
    return this.changeRequests.listBySow(id);
  }
}
