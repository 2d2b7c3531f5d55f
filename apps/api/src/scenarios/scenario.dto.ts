import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsBoolean, IsIn, IsInt, IsObject, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { SCENARIO_CHANGE_KINDS, ScenarioChangeKind } from '@sow/core';
import { HorizonDto } from '../planning/staffing-plan.dto';
import { OptionalNonNull } from '../http/optional';

export class CreateScenarioRequest {
  @ApiProperty({ example: 'Win the Q1 pipeline', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class UpdateScenarioRequest extends CreateScenarioRequest {
  @ApiPropertyOptional({ description: 'The version read (or send If-Match)' })
  @OptionalNonNull()
  @IsInt()
  version?: number;
}

const free = { description: 'Checked per kind (a 400 names the field and rule)' };

/**
 * One change of a scenario: `kind` plus that kind's fields. add_sow: title, customerId, winProbability,
 * items[] (title, startDate, endDate, estimatedHours, minLevel, requiredSkills[{key,minProficiency}],
 * onsiteDays, maxTeamSize); remove_sow/shift_sow: sowId (+ days); remove_item/shift_item: scopeItemId
 * (+ days); add_engineer: name, level, region, timezone, skills[{key,proficiency}], startDate,
 * weeklyCapacityHours, utilizationTarget, travelLimit, clearance; remove_engineer: engineerId, lastDay;
 * modify_engineer: engineerId and any of level, region, skills, utilizationTarget, travelLimit, weeklyCapacityHours.
 */
export class AddScenarioChangeRequest {
  @ApiProperty({ enum: SCENARIO_CHANGE_KINDS })
  @IsIn(SCENARIO_CHANGE_KINDS)
  kind: ScenarioChangeKind;

  @ApiPropertyOptional({ ...free, type: String }) @OptionalNonNull() @Allow() title?: unknown;
  @ApiPropertyOptional({ ...free, type: String, format: 'uuid' }) @OptionalNonNull() @Allow() customerId?: unknown;
  @ApiPropertyOptional({ ...free, type: 'number', minimum: 0, maximum: 1 }) @OptionalNonNull() @Allow() winProbability?: unknown;
  @ApiPropertyOptional({ ...free, type: 'array', items: { type: 'object', additionalProperties: true } }) @OptionalNonNull() @Allow() items?: unknown;
  @ApiPropertyOptional({ ...free, type: String, format: 'uuid' }) @OptionalNonNull() @Allow() sowId?: unknown;
  @ApiPropertyOptional({ ...free, type: String, format: 'uuid' }) @OptionalNonNull() @Allow() scopeItemId?: unknown;
  @ApiPropertyOptional({ ...free, type: 'integer' }) @OptionalNonNull() @Allow() days?: unknown;
  @ApiPropertyOptional({ ...free, type: String }) @OptionalNonNull() @Allow() name?: unknown;
  @ApiPropertyOptional({ ...free, type: String }) @OptionalNonNull() @Allow() level?: unknown;
  @ApiPropertyOptional({ ...free, type: String }) @OptionalNonNull() @Allow() region?: unknown;
  @ApiPropertyOptional({ ...free, type: String }) @OptionalNonNull() @Allow() timezone?: unknown;
  @ApiPropertyOptional({ ...free, type: 'array', items: { type: 'object', additionalProperties: true } }) @OptionalNonNull() @Allow() skills?: unknown;
  @ApiPropertyOptional({ ...free, type: String, format: 'date' }) @OptionalNonNull() @Allow() startDate?: unknown;
  @ApiPropertyOptional({ ...free, type: 'number' }) @OptionalNonNull() @Allow() weeklyCapacityHours?: unknown;
  @ApiPropertyOptional({ ...free, type: 'number' }) @OptionalNonNull() @Allow() utilizationTarget?: unknown;
  @ApiPropertyOptional({ ...free, type: 'number' }) @OptionalNonNull() @Allow() travelLimit?: unknown;
  @ApiPropertyOptional({ ...free, type: String }) @OptionalNonNull() @Allow() clearance?: unknown;
  @ApiPropertyOptional({ ...free, type: String, format: 'uuid' }) @OptionalNonNull() @Allow() engineerId?: unknown;
  @ApiPropertyOptional({ ...free, type: String, format: 'date' }) @OptionalNonNull() @Allow() lastDay?: unknown;
}

export class CreateScenarioRunRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'The scenario to solve; omit for live data (the baseline to compare with)' })
  @OptionalNonNull()
  @IsUUID()
  scenarioId?: string;

  @ApiProperty({ enum: ['solve', 'hiring'], description: 'solve: a plan of the scenario; hiring: the cheapest hires and training that staff what the team cannot' })
  @IsIn(['solve', 'hiring'])
  kind: 'solve' | 'hiring';

  @ApiProperty({ type: HorizonDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HorizonDto)
  horizon: HorizonDto;

  @ApiPropertyOptional({ minimum: 100, maximum: 120000, default: 10000, description: 'Solver time limit, ms' })
  @OptionalNonNull()
  @IsInt()
  @Min(100)
  @Max(120000)
  timeLimitMs?: number;

  @ApiPropertyOptional({ default: true, description: 'Hiring plan: weight pipeline deals by their win probability' })
  @OptionalNonNull()
  @IsBoolean()
  weightByProbability?: boolean;
}

export class CompareQuery {
  @ApiProperty({ format: 'uuid', description: 'The baseline run (e.g. a live solve)' })
  @IsUUID()
  base: string;

  @ApiProperty({ format: 'uuid', description: 'The run compared with it' })
  @IsUUID()
  other: string;
}

export class PromoteScenarioRequest {
  @ApiProperty({ format: 'uuid', description: 'A finished solve of this scenario' })
  @IsUUID()
  runId: string;

  @ApiPropertyOptional({ description: 'The scenario version read (or send If-Match)' })
  @OptionalNonNull()
  @IsInt()
  version?: number;
}

export class ScenarioChangeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() seq: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'kind plus its fields' }) change: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ScenarioResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) promotedAt: string | null;
  @ApiProperty({ type: [ScenarioChangeResponse] }) changes: ScenarioChangeResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ScenarioPage {
  @ApiProperty({ type: [ScenarioResponse] }) items: ScenarioResponse[];
  @ApiProperty() total: number;
}

export class RunHorizonResponse {
  @ApiProperty({ format: 'date' }) start: string;
  @ApiProperty({ format: 'date' }) end: string;
}

export class RunProgressResponse {
  @ApiProperty() phase: string;
  @ApiProperty() percent: number;
}

export class ScenarioRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) scenarioId: string | null;
  @ApiProperty({ enum: ['solve', 'hiring'] }) kind: 'solve' | 'hiring';
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status: 'queued' | 'running' | 'done' | 'failed';
  @ApiProperty({ type: RunHorizonResponse }) horizon: RunHorizonResponse;
  @ApiProperty({ type: 'object', additionalProperties: true }) params: Record<string, unknown>;
  @ApiProperty({ type: RunProgressResponse }) progress: RunProgressResponse;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'solve: outcome (kpis, items, engineers) and promotion; hiring: hiring (hires, trainings, costs, revenue) and outcome' })
  result: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) errorCode: string | null;
  @ApiProperty({ nullable: true, type: String }) errorMessage: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
}

export class ScenarioComparisonResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'KPIs of the base run' }) base: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'KPIs of the other run' }) other: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'other − base' }) delta: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Items whose outcome differs' }) items: Array<Record<string, unknown>>;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Engineers whose outcome differs' }) engineers: Array<Record<string, unknown>>;
}

export class PromotionResponse {
  @ApiProperty({ format: 'uuid' }) scenarioId: string;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ type: [String], description: 'Draft SOWs made from the pipeline deals' }) draftSowIds: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The proposed staffing plan (approve it as any plan)' }) staffingPlanId: string | null;
  @ApiProperty() moves: number;
  @ApiProperty({ description: 'Moves that depend on scenario-only rows, not proposed' }) heldBack: number;
}
