import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { ELIGIBILITY_RULES, Level, LEVELS, SCORING_WEIGHTS } from '@sow/domain';
import { ApiPageParameter } from '../http/pagination.dto';
import { OptionalNonNull } from '../http/optional';

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class CandidatesQuery {
  @ApiPageParameter({ minimum: 1, maximum: 500, default: 20, description: 'How many of the best-ranked eligible engineers to return' })
  @OptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 20;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Also list every excluded engineer with the rules they fail' })
  @OptionalNonNull()
  @Transform(toBoolean)
  @IsBoolean()
  includeExcluded = false;
}

export class CriterionScoreResponse {
  @ApiProperty({ enum: Object.keys(SCORING_WEIGHTS) }) criterion: string;
  @ApiProperty({ description: 'In [0, 1]' }) score: number;
  @ApiProperty() weight: number;
  @ApiProperty({ description: 'score × weight' }) weighted: number;
  @ApiProperty({ example: 'terraform: mastery, ansible: experience' }) explanation: string;
}

export class CandidateResponse {
  @ApiProperty() rank: number;
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: LEVELS }) level: Level;
  @ApiProperty() region: string;
  @ApiProperty({ description: 'Weighted score in [0, 1]' }) total: number;
  @ApiProperty({ type: [CriterionScoreResponse] }) breakdown: CriterionScoreResponse[];
  @ApiProperty({ type: [String], example: ['2027-W03'], description: 'ISO weeks above 85% utilization with this item' }) tightWeeks: string[];
}

export class ViolationResponse {
  @ApiProperty({ enum: ELIGIBILITY_RULES }) rule: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Rule-specific: weeks, months, skill, level…' }) details: Record<string, unknown>;
}

export class ExcludedCandidateResponse {
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: LEVELS }) level: Level;
  @ApiProperty() region: string;
  @ApiProperty({ type: [ViolationResponse] }) violations: ViolationResponse[];
}

export class CandidatesResponse {
  @ApiProperty({ format: 'uuid' }) scopeItemId: string;
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ description: 'The item estimate spread over its working days; for a team item, one engineer’s share' }) hoursPerWeek: number;
  @ApiProperty({ description: 'Engineers the item needs: more than one when nobody alone may take its weekly hours (up to its maxTeamSize)' }) teamSize: number;
  @ApiProperty() engineersConsidered: number;
  @ApiProperty() eligibleCount: number;
  @ApiProperty() excludedCount: number;
  @ApiProperty({ type: [CandidateResponse] }) candidates: CandidateResponse[];
  @ApiPropertyOptional({ type: [ExcludedCandidateResponse], description: 'Only with includeExcluded=true' }) excluded?: ExcludedCandidateResponse[];
}

export class FeasibleEngineerResponse {
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: LEVELS }) level: Level;
}

export class FeasibilityGapResponse {
  @ApiProperty({ type: Object, description: 'Engineers excluded per rule on the item’s own dates' }) exclusions: Record<string, number>;
  @ApiProperty({ type: [Object], description: 'Smallest change first: relax_rule, allow_team, start_later, add_engineer, each with a text' }) changes: Array<Record<string, unknown>>;
}

export class FeasibilityResponse {
  @ApiProperty({ format: 'uuid' }) scopeItemId: string;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty({ description: 'For a team item, one engineer’s share' }) hoursPerWeek: number;
  @ApiProperty({ description: 'Someone can take the item on its own dates, given today’s bookings' }) feasibleAsPlanned: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Earliest start (today at the soonest) with the duration unchanged; null if none within a year' }) earliestStartDate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) earliestEndDate: string | null;
  @ApiProperty({ type: [FeasibleEngineerResponse], description: 'Who could take it then, best ranked first (at most 10)' }) engineers: FeasibleEngineerResponse[];
  @ApiPropertyOptional({ type: FeasibilityGapResponse, nullable: true, description: 'Why not on its own dates (null when it can be)' }) asPlanned: FeasibilityGapResponse | null;
}
