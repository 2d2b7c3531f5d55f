import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '../http/params';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { QueueChecksService } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';

export class QueueCheckResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued', 'completed', 'failed'] }) status: 'queued' | 'completed' | 'failed';
  @ApiPropertyOptional({ type: String, nullable: true, description: 'host:pid of the worker that answered' })
  processedBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) latencyMs: number | null;
}

/** Operators send a job through the queue and see which worker answered, and how fast. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin', 'senior_manager')
@Controller('admin/queue-checks')
export class QueueChecksController {
  constructor(private readonly checks: QueueChecksService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: QueueCheckResponse, description: 'Queued; poll GET /admin/queue-checks/:id' })
  @ApiOperation({ summary: 'Start a queue round-trip check' })
  request(@CurrentPrincipal() principal: Principal): Promise<QueueCheckResponse> {
    return this.checks.request(principal.userId);
  }

  @Get(':id')
  @ApiOkResponse({ type: QueueCheckResponse })
  @ApiOperation({ summary: 'Get a queue round-trip check' })
  get(@UuidParam() id: string): Promise<QueueCheckResponse> {
    return this.checks.get(id);
  }
}
