import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { WebhookEndpointsService } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { UuidParam } from '../http/params';
import {
  CreateWebhookEndpointRequest,
  RotateWebhookSecretRequest,
  UpdateWebhookEndpointRequest,
  WebhookDeliveryListQuery,
  WebhookDeliveryPage,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from './webhook.dto';

/** Outbound webhooks (Standard Webhooks 1.0): endpoints, secrets, test events, deliveries. Admins only. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@UseInterceptors(EtagInterceptor)
@Controller('webhook-endpoints')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookEndpointsService) {}

  @Post()
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretResponse })
  @ApiUnprocessableEntityResponse({ description: 'rule_violation: the URL resolves to a loopback, private, link-local or metadata address not in WEBHOOK_ALLOWED_HOSTS, or does not resolve' })
  @ApiOperation({ summary: 'Register a webhook endpoint', description: 'The answer carries the signing secret (`whsec_…`); it is not shown again except on rotation.' })
  create(@Body() body: CreateWebhookEndpointRequest, @CurrentPrincipal() principal: Principal): Promise<WebhookEndpointWithSecretResponse> {
    return this.webhooks.create(principal, body);
  }

  @Get()
  @ApiOkResponse({ type: [WebhookEndpointResponse] })
  @ApiOperation({ summary: 'List webhook endpoints' })
  list(): Promise<WebhookEndpointResponse[]> {
    return this.webhooks.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiOperation({ summary: 'Get a webhook endpoint' })
  get(@UuidParam() id: string): Promise<WebhookEndpointResponse> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Change a webhook endpoint (URL, events, description, enabled)' })
  update(@UuidParam() id: string, @Body() body: UpdateWebhookEndpointRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<WebhookEndpointResponse> {
    const { version, ...patch } = body;
    return this.webhooks.update(principal, id, patch, expectedVersion(ifMatch, version));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its delivery history' })
  @ApiOperation({ summary: 'Delete a webhook endpoint' })
  async remove(@UuidParam() id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.webhooks.remove(principal, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookEndpointWithSecretResponse, description: 'The new secret; the previous one also signs (a second `v1,` signature) until previousSecretExpiresAt' })
  @ApiOperation({ summary: 'Rotate the signing secret of a webhook endpoint' })
  rotate(@UuidParam() id: string, @Body() body: RotateWebhookSecretRequest, @CurrentPrincipal() principal: Principal): Promise<WebhookEndpointWithSecretResponse> {
    return this.webhooks.rotateSecret(principal, id, body.graceSeconds);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse, description: 'A webhook.test event is queued for this endpoint; follow it in its deliveries' })
  @ApiConflictResponse({ description: 'The endpoint is disabled' })
  @ApiOperation({ summary: 'Send a test event to a webhook endpoint' })
  test(@UuidParam() id: string, @CurrentPrincipal() principal: Principal): Promise<WebhookDeliveryResponse> {
    return this.webhooks.sendTest(principal, id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: WebhookDeliveryPage })
  @ApiOperation({ summary: "List a webhook endpoint's deliveries, newest first, with status, latency and response code" })
  deliveries(@UuidParam() id: string, @Query() query: WebhookDeliveryListQuery): Promise<WebhookDeliveryPage> {
    return this.webhooks.deliveries(id, { status: query.status, limit: query.limit, offset: query.offset });
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse, description: 'Queued again: same body, same webhook-id, attempts from zero' })
  @ApiConflictResponse({ description: 'The delivery is still pending, or the endpoint is disabled' })
  @ApiOperation({ summary: 'Replay a finished webhook delivery' })
  replay(@UuidParam() id: string, @UuidParam('deliveryId') deliveryId: string, @CurrentPrincipal() principal: Principal): Promise<WebhookDeliveryResponse> {
    return this.webhooks.replay(principal, id, deliveryId);
  }
}
