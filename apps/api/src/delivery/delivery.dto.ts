import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalNonNull } from '../http/optional';
import { IsBoundedDate } from '../http/dates';
import { HEALTH_STATUSES, HealthStatus, Level, LEVELS, SCOPE_ITEM_STATUSES, ScopeItemStatus } from '@sow/domain';

export class HealthQuery {
  @ApiPropertyOptional({ format: 'date', description: 'The day the forecast runs from; default today (UTC)' }) @OptionalNonNull() @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be YYYY-MM-DD' }) @IsBoundedDate() asOf?: string;
}

export class HealthInboxQuery {
  @ApiPropertyOptional({ description: 'Comma-separated statuses; default at_risk,off_track', example: 'at_risk,off_track' }) @OptionalNonNull() @IsString() @MaxLength(100) status?: string;
}

export class EstimateToCompleteRequest {
  @ApiProperty({ minimum: 0, maximum: 1000000, description: 'Hours still needed; replaces estimate − actuals in health and in the next rebalance' }) @IsNumber() @Min(0) @Max(1_000_000) hours: number;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class CsatRequest {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 (very dissatisfied) to 5 (very satisfied)' }) @IsInt() @Min(1) @Max(5) score: number;
  @ApiPropertyOptional({ maxLength: 2000 }) @OptionalNonNull() @IsString() @Length(0, 2000) comment?: string;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class MetricsQueryDto {
  @ApiProperty({ example: '2027-Q1', description: 'A month (YYYY-MM) or a quarter (YYYY-Qn)' }) @IsString() @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { message: 'period must be YYYY-MM or YYYY-Qn' }) period: string;
  @ApiPropertyOptional({ description: 'Engineer region (SOW figures: the customer region)' }) @OptionalNonNull() @IsString() @Length(1, 64) region?: string;
  @ApiPropertyOptional({ enum: LEVELS, description: 'Engineer level' }) @OptionalNonNull() @IsIn(LEVELS) level?: Level;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNonNull() @IsUUID() customerId?: string;
}

class HealthFiguresResponse {
  @ApiProperty({ enum: HEALTH_STATUSES }) status: HealthStatus;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty() budgetHours: number;
  @ApiProperty({ description: 'Approved hours, reversals netted' }) actualHours: number;
  @ApiProperty() remainingHours: number;
  @ApiProperty({ nullable: true, type: Number, description: 'actual ÷ budget' }) burn: number | null;
  @ApiProperty({ description: 'Approved hours per working day since the planned start' }) burnRate: number;
  @ApiProperty({ description: 'Forecast hours at completion: actual + remaining' }) forecastHours: number;
  @ApiProperty({ format: 'date', nullable: true, type: String }) forecastEnd: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Working days the forecast finish is after the planned end' }) slipDays: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Quoted cost: estimate × cost rate of the minimum level' }) budgetCost: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Approved hours × cost rate of the engineer’s level on the day' }) actualCost: string | null;
  @ApiProperty({ format: 'date' }) plannedStart: string;
  @ApiProperty({ format: 'date' }) plannedEnd: string;
}

export class ItemHealthResponse extends HealthFiguresResponse {
  @ApiProperty({ format: 'uuid' }) scopeItemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SCOPE_ITEM_STATUSES }) itemStatus: ScopeItemStatus;
  @ApiProperty({ nullable: true, type: Number }) estimateToComplete: number | null;
}

export class SowHealthResponse extends HealthFiguresResponse {
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty() currency: string;
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ type: [ItemHealthResponse] }) items: ItemHealthResponse[];
}

export class HealthInboxItemResponse {
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty() title: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ enum: HEALTH_STATUSES }) status: HealthStatus;
  @ApiProperty({ enum: HEALTH_STATUSES, nullable: true }) previousStatus: HealthStatus | null;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty({ format: 'date-time' }) changedAt: Date;
}

export class HealthInboxResponse {
  @ApiProperty({ type: [HealthInboxItemResponse] }) items: HealthInboxItemResponse[];
}

export class EstimateToCompleteResponse {
  @ApiProperty({ format: 'uuid' }) scopeItemId: string;
  @ApiProperty() estimateToComplete: number;
  @ApiProperty() version: number;
}

export class CsatResponse {
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) score: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FinancialLineResponse {
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Approved billable hours × the bill rate effective on each day' }) revenue: string;
  @ApiProperty({ description: 'All approved hours × the cost rate of the engineer’s level on each day' }) cost: string;
  @ApiProperty() grossMargin: string;
  @ApiProperty({ nullable: true, type: String }) marginPct: string | null;
  @ApiProperty() billableHours: number;
  @ApiProperty() hours: number;
  @ApiProperty({ description: 'Hours on SOWs whose currency has no rate card' }) unpricedHours: number;
}

export class UtilizationFiguresResponse {
  @ApiProperty({ description: 'Weekly capacity ÷ 5 × the working days of the period outside time off' }) capacityHours: number;
  @ApiProperty({ description: 'capacity × utilization target' }) targetHours: number;
  @ApiProperty({ description: 'Planned: approved/active primary and lead assignments in the period' }) plannedBillableHours: number;
  @ApiProperty({ description: 'Actual: approved billable hours' }) billableHours: number;
  @ApiProperty() nonBillableHours: number;
  @ApiProperty({ nullable: true, type: Number }) utilization: number | null;
  @ApiProperty({ nullable: true, type: Number }) plannedUtilization: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'billable ÷ target hours (1 = target met)' }) attainment: number | null;
}

export class EngineerMetricsResponse extends UtilizationFiguresResponse {
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: LEVELS }) level: Level;
  @ApiProperty() region: string;
}

export class LevelMetricsResponse extends UtilizationFiguresResponse {
  @ApiProperty({ enum: LEVELS }) level: Level;
  @ApiProperty() engineers: number;
}

export class TeamMetricsResponse extends UtilizationFiguresResponse {
  @ApiProperty() engineers: number;
}

export class DeliveryOutcomeResponse {
  @ApiProperty({ description: 'Completed SOWs whose last approved work day (else planned end) is in the period' }) completedSows: number;
  @ApiProperty({ description: 'Completed SOWs delivered on time: the actual finish (last day with net approved hours, else the day it was completed) on or before the SOW end date, and no scope item finished after its own end date' }) onTime: number;
  @ApiProperty({ description: 'Approved hours within the estimated hours' }) onBudget: number;
  @ApiProperty({ nullable: true, type: String }) onTimePct: string | null;
  @ApiProperty({ nullable: true, type: String }) onBudgetPct: string | null;
  @ApiProperty({ nullable: true, type: Number }) meanCsat: number | null;
  @ApiProperty() csatResponses: number;
}

export class DeliveryMetricsResponse {
  @ApiProperty() period: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [FinancialLineResponse] }) financials: FinancialLineResponse[];
  @ApiProperty({ type: TeamMetricsResponse }) team: TeamMetricsResponse;
  @ApiProperty({ type: [LevelMetricsResponse] }) levels: LevelMetricsResponse[];
  @ApiProperty({ type: [EngineerMetricsResponse] }) engineers: EngineerMetricsResponse[];
  @ApiProperty({ type: DeliveryOutcomeResponse }) delivery: DeliveryOutcomeResponse;
}
