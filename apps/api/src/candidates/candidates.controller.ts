import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CandidatesService, FeasibilityView } from '@sow/core';
import { Roles } from '../http/auth.decorators';
import { UuidParam } from '../http/params';
import { sendSerializedJson } from '../http/serialized-response';
import { CandidatesQuery, CandidatesResponse, FeasibilityResponse } from './candidate.dto';

@ApiTags('candidates')
@ApiBearerAuth()
@Controller('scope-items')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Get(':id/candidates')
  @Roles('engagement_manager', 'senior_manager', 'admin')
  @ApiOkResponse({ type: CandidatesResponse, description: 'Eligible engineers best first, with the per-criterion breakdown; excluded ones with the rules they fail' })
  @ApiOperation({ summary: 'Rank candidate engineers for a scope item' })
  async list(@UuidParam() id: string, @Query() query: CandidatesQuery, @Res() res: Response): Promise<void> {
    sendSerializedJson(res, await this.candidates.rankSerialized(id, { limit: query.limit, includeExcluded: query.includeExcluded }));
  }

  @Get(':id/feasibility')
  @Roles('engagement_manager', 'senior_manager', 'admin')
  @ApiOkResponse({ type: FeasibilityResponse, description: 'The earliest start on which the item could be fully staffed given today’s bookings, and by whom' })
  async feasibility(@UuidParam() id: string): Promise<FeasibilityView> {
    return this.candidates.feasibility(id, new Date().toISOString().slice(0, 10));
  }
}
