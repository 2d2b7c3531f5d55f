import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { WEBHOOK_DELIVERY_STATUSES, WebhookDeliveryStatus } from '@sow/persistence';
import { SUBSCRIBABLE_EVENTS } from '@sow/core';
import { OptionalNonNull } from '../http/optional';
import { PageQuery } from '../http/pagination.dto';

export class CreateWebhookEndpointRequest {
  @ApiProperty({ example: 'https://hooks.example.com/sow-planner', description: 'http(s) URL; it must resolve to public addresses unless WEBHOOK_ALLOWED_HOSTS allows it' })
  @IsString()
  @Length(1, 2000)
  url: string;

  @ApiProperty({ type: [String], enum: SUBSCRIBABLE_EVENTS, example: ['sow.approved', 'staffing_plan.proposed'], description: 'Event types delivered to this endpoint' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  events: string[];

  @ApiPropertyOptional({ example: 'Finance: SOW approvals', default: '' })
  @OptionalNonNull()
  @IsString()
  @Length(0, 500)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @OptionalNonNull()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookEndpointRequest {
  @ApiPropertyOptional({ example: 'https://hooks.example.com/sow-planner' }) @OptionalNonNull() @IsString() @Length(1, 2000) url?: string;
  @ApiPropertyOptional({ type: [String], enum: SUBSCRIBABLE_EVENTS }) @OptionalNonNull() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) events?: string[];
  @ApiPropertyOptional() @OptionalNonNull() @IsString() @Length(0, 500) description?: string;
  @ApiPropertyOptional({ description: 'Re-enabling clears the reason it was disabled' }) @OptionalNonNull() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class RotateWebhookSecretRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 604800, default: 86400, description: 'Seconds the previous secret keeps signing (a second signature); 0 ends it at once' })
  @OptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(7 * 86400)
  graceSeconds?: number;
}

export class WebhookEndpointResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String], enum: SUBSCRIBABLE_EVENTS }) events: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true, enum: ['manual', 'gone', 'failing'], description: '`gone`: it answered 410; `failing`: a day of failed deliveries; `manual`: an admin' }) disabledReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'First failure since the last success' }) failingSince: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'During a rotation: until when the previous secret also signs' }) previousSecretExpiresAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class WebhookEndpointWithSecretResponse extends WebhookEndpointResponse {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret (Standard Webhooks); shown only here and on rotation' }) secret: string;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) endpointId: string;
  @ApiProperty({ example: 'msg_2b7c0f5d9e1a4c3b8a6d7e9f0a1b2c3d', description: 'The webhook-id header, the same on every retry' }) messageId: string;
  @ApiProperty({ example: 'sow.approved' }) eventType: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty({ description: 'Attempts made so far' }) attempts: number;
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status of the last attempt (null: no answer)' }) responseStatus: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Milliseconds the last attempt took' }) latencyMs: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a pending delivery is next tried' }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
  @ApiProperty() total: number;
}

export class WebhookDeliveryListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES })
  @OptionalNonNull()
  @Type(() => String)
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}
