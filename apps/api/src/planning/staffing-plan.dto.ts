import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { SOLVER_METHODS, SolverMethod, STAFFING_PLAN_STATUSES, StaffingPlanStatus, MAX_SPAN_DAYS } from '@sow/domain';
import { DEFAULT_MOVES_PAGE, MAX_MOVES_PAGE, MAX_PLAN_TIME_LIMIT_MS } from '@sow/core';
import { PLAN_TRIGGERS, PlanTrigger } from '@sow/persistence';
import { ApiPageParameter, PageQuery } from '../http/pagination.dto';
import { IsBoundedDate, SpanAtMost } from '../http/dates';
import { OptionalNonNull } from '../http/optional';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class HorizonDto {
  @ApiProperty({ example: '2027-01-04', description: 'First day (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'start must be a date YYYY-MM-DD' })
  @IsBoundedDate()
  start: string;

  @ApiProperty({ example: '2027-04-02', description: 'Last day, inclusive (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'end must be a date YYYY-MM-DD' })
  @IsBoundedDate() @SpanAtMost('start', MAX_SPAN_DAYS.planHorizon, '2 years')
  end: string;
}

export class CreateStaffingPlanRequest {
  @ApiProperty({ type: HorizonDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HorizonDto)
  horizon: HorizonDto;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only plan these SOWs (default: every approved or active SOW)' })
  @OptionalNonNull()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  sowIds?: string[];

  @ApiPropertyOptional({ enum: SOLVER_METHODS, default: 'auto' })
  @OptionalNonNull()
  @IsIn(SOLVER_METHODS)
  method?: SolverMethod;

  @ApiPropertyOptional({ minimum: 100, maximum: MAX_PLAN_TIME_LIMIT_MS, default: 10000, description: 'Solver time limit, ms' })
  @OptionalNonNull()
  @IsInt()
  @Min(100)
  @Max(MAX_PLAN_TIME_LIMIT_MS)
  timeLimitMs?: number;

  @ApiPropertyOptional({ default: false, description: 'Approved (not active, not locked) assignments may move too' })
  @OptionalNonNull()
  @IsBoolean()
  moveApproved?: boolean;
}

export class ApprovePlanRequest {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Required when an admin approves (separation-of-duties override, audited)' })
  @OptionalNonNull()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class RejectPlanRequest {
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class MovesPageBody {
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}

export class PlanGetQuery {
  @ApiPageParameter({ minimum: 0, maximum: 1_000_000, default: 0, description: 'First move of the page' })
  @Type(() => Number)
  @OptionalNonNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  movesOffset = 0;

  @ApiPageParameter({ minimum: 1, maximum: MAX_MOVES_PAGE, default: DEFAULT_MOVES_PAGE, description: 'Moves per page' })
  @Type(() => Number)
  @OptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(MAX_MOVES_PAGE)
  movesLimit = DEFAULT_MOVES_PAGE;
}

export class PlanListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STAFFING_PLAN_STATUSES })
  @OptionalNonNull()
  @IsIn(STAFFING_PLAN_STATUSES)
  status?: StaffingPlanStatus;
}

export class PlanProgressBody {
  @ApiProperty({ enum: ['queued', 'loading', 'compiling', 'solving', 'writing', 'done'] }) phase: 'queued' | 'loading' | 'compiling' | 'solving' | 'writing' | 'done';
  @ApiProperty() percent: number;
}

export class MoveEffectBody {
  @ApiProperty({ description: 'Price of the work staffed (+) or left unstaffed (−)' }) staffing: number;
  @ApiProperty({ description: 'Utilization shortfall removed (+) or added (−)' }) utilization: number;
  @ApiProperty({ description: 'Fit gained (+) or lost (−), share' }) fit: number;
  @ApiProperty({ description: 'Churn paid for changing today’s staffing (≤ 0)' }) churn: number;
}

export class PlanMoveBody {
  @ApiProperty({ enum: ['assign', 'unassign', 'reassign'] }) kind: 'assign' | 'unassign' | 'reassign';
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() itemTitle: string;
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty({ enum: ['primary', 'secondary', 'lead'], description: 'secondary: a member of a team sharing the item’s hours' }) role: 'primary' | 'secondary' | 'lead';
  @ApiPropertyOptional({ type: String, nullable: true }) fromEngineerId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) fromEngineerName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) fromAssignmentId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) toEngineerId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) toEngineerName: string | null;
  @ApiProperty() hoursPerWeek: number;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty() onsiteDays: number;
  @ApiProperty({ enum: ['staffing', 'utilization', 'fit', 'rules'], description: 'The objective term the move mainly improves' }) improves: 'staffing' | 'utilization' | 'fit' | 'rules';
  @ApiProperty({ type: MoveEffectBody, description: 'Effect per objective term' }) effect: MoveEffectBody;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ description: 'The new engineer’s score with the per-criterion breakdown', nullable: true, type: Object }) candidate: { engineerId: string; total: number; breakdown: Array<{ criterion: string; score: number; weight: number; weighted: number; explanation: string }> } | null;
}

export class StaffingChangeBody {
  @ApiProperty({ enum: ['relax_rule', 'allow_team', 'start_later', 'add_engineer'] }) kind: 'relax_rule' | 'allow_team' | 'start_later' | 'add_engineer';
  @ApiProperty({ description: 'The change in words, e.g. "start 2 weeks later (…), staffed by …"' }) text: string;
  @ApiPropertyOptional({ description: 'relax_rule, start_later: the engineer it would be' }) engineerId?: string;
  @ApiPropertyOptional({ description: 'relax_rule: the one rule that engineer fails' }) rule?: string;
  @ApiPropertyOptional({ description: 'start_later: weeks later, and the new dates' }) weeks?: number;
  @ApiPropertyOptional() startDate?: string;
  @ApiPropertyOptional() endDate?: string;
  @ApiPropertyOptional({ description: 'add_engineer: weekly hours and ISO weeks; allow_team: the weekly hours of each share' }) hoursPerWeek?: number;
  @ApiPropertyOptional({ description: 'allow_team: the team size that would staff the item' }) teamSize?: number;
  @ApiPropertyOptional({ type: [String], description: 'allow_team: engineers who could take the shares' }) engineerIds?: string[];
  @ApiPropertyOptional() fromWeek?: string;
  @ApiPropertyOptional() toWeek?: string;
}

export class UnstaffedItemBody {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty() hoursPerWeek: number;
  @ApiProperty({ description: 'Engineers the plan splits the item between (1: one engineer)' }) teamSize: number;
  @ApiProperty({ description: 'Shares nobody is planned for (fewer than teamSize: partly staffed)' }) openShares: number;
  @ApiProperty({ description: 'Hours inside the horizon nobody is planned for' }) hoursMissing: number;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'Engineers excluded per rule (level_below_minimum, missing_skill, clearance_required, time_off_conflict, capacity_exceeded, travel_limit_exceeded, lead_required…), against the plan’s bookings' })
  exclusions: Record<string, number> | null;
  @ApiProperty({ type: [StaffingChangeBody], description: 'The smallest change that would staff the item first' }) changes: StaffingChangeBody[];
}

export class StaffingPlanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: STAFFING_PLAN_STATUSES }) status: StaffingPlanStatus;
  @ApiProperty({ enum: PLAN_TRIGGERS }) trigger: PlanTrigger;
  @ApiProperty({ type: HorizonDto }) horizon: HorizonDto;
  @ApiPropertyOptional({ type: [String], nullable: true }) sowIds: string[] | null;
  @ApiProperty({ enum: SOLVER_METHODS }) method: SolverMethod;
  @ApiProperty() timeLimitMs: number;
  @ApiProperty() moveApproved: boolean;
  @ApiProperty({ type: PlanProgressBody }) progress: PlanProgressBody;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'KPIs of today’s staffing' }) kpisBefore: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'KPIs if the plan is approved' }) kpisAfter: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: [PlanMoveBody], description: 'One page of the moves: movesOffset/movesLimit of GET /staffing-plans/:id' }) moves?: PlanMoveBody[];
  @ApiPropertyOptional({ description: 'How many moves the plan holds in all' }) movesTotal?: number;
  @ApiPropertyOptional({ type: MovesPageBody }) movesPage?: MovesPageBody;
  @ApiPropertyOptional({ type: [UnstaffedItemBody], nullable: true, description: 'Every item the plan leaves unstaffed, with why and the smallest change that would staff it; absent in lists' })
  unstaffed?: UnstaffedItemBody[] | null;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'method, times, objective and its terms, bound and gap' }) solverStats: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) error: { code: string; message: string | null } | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) decision: { by: string | null; at: string | null; reason: string | null } | null;
  @ApiPropertyOptional({ type: String, nullable: true }) requestedBy: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) startedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) finishedAt: string | null;
}

export class StaffingPlanPage {
  @ApiProperty({ type: [StaffingPlanResponse] }) items: StaffingPlanResponse[];
  @ApiProperty() total: number;
}
