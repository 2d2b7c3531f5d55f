import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CandidatesService } from '@sow/core';
import { Roles } from '../http/auth.decorators';
import { UuidParam } from '../http/params';
import { CandidatesQuery, CandidatesResponse } from './candidate.dto';

@ApiTags('candidates')
@ApiBearerAuth()
@Controller('scope-items')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Get(':id/candidates')
  @Roles('engagement_manager', 'senior_manager', 'admin')
  @ApiOkResponse({ type: CandidatesResponse, description: 'Eligible engineers best first, with the per-criterion breakdown; excluded ones with the rules they fail' })
  list(@UuidParam() id: string, @Query() query: CandidatesQuery): Promise<CandidatesResponse> {
    return this.candidates.rank(id, { limit: query.limit, includeExcluded: query.includeExcluded });
  }
}
