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
  @ApiProperty({ description: 'The item estimate spread over its working days' }) hoursPerWeek: number;
  @ApiProperty() engineersConsidered: number;
  @ApiProperty() eligibleCount: number;
  @ApiProperty() excludedCount: number;
  @ApiProperty({ type: [CandidateResponse] }) candidates: CandidateResponse[];
  @ApiPropertyOptional({ type: [ExcludedCandidateResponse], description: 'Only with includeExcluded=true' }) excluded?: ExcludedCandidateResponse[];
}
