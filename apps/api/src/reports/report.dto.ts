import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { ASSIGNMENT_ROLES, ASSIGNMENT_STATUSES, LEVELS, PROFICIENCIES, SOW_STATUSES, UTILIZATION_STATUSES } from '@sow/domain';
import { IsBoundedDate } from '../http/dates';
import { OptionalNonNull } from '../http/optional';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const GRANULARITIES = ['week', 'month'] as const;
export const GROUP_BYS = ['engineer', 'level', 'region'] as const;

export class ReportWindowQuery {
  @ApiProperty({ format: 'date', example: '2027-01-04', description: 'First day of the window' }) @IsString() @Matches(DATE, { message: 'from must be YYYY-MM-DD' }) @IsBoundedDate() from: string;
  @ApiProperty({ format: 'date', example: '2027-03-28', description: 'Last day of the window (inclusive); from..to spans at most 731 days' }) @IsString() @Matches(DATE, { message: 'to must be YYYY-MM-DD' }) @IsBoundedDate() to: string;
}

export class UtilizationQuery extends ReportWindowQuery {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'week' }) @OptionalNonNull() @IsIn(GRANULARITIES) granularity: (typeof GRANULARITIES)[number] = 'week';
  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'engineer' }) @OptionalNonNull() @IsIn(GROUP_BYS) groupBy: (typeof GROUP_BYS)[number] = 'engineer';
}

export class UtilizationRowResponse {
  @ApiProperty({ description: 'Engineer id, level or region' }) group: string;
  @ApiProperty({ description: 'Engineer name, level or region' }) label: string;
  @ApiProperty({ example: '2027-W03', description: 'ISO week or YYYY-MM' }) period: string;
  @ApiProperty() capacityHours: number;
  @ApiProperty() plannedHours: number;
  @ApiProperty({ nullable: true, type: Number, description: 'planned / capacity' }) utilization: number | null;
  @ApiProperty({ description: 'Capacity-weighted target of the group' }) target: number;
  @ApiProperty({ enum: UTILIZATION_STATUSES }) status: string;
}

export class UtilizationReportResponse {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: GRANULARITIES }) granularity: string;
  @ApiProperty({ enum: GROUP_BYS }) groupBy: string;
  @ApiProperty({ type: [UtilizationRowResponse] }) items: UtilizationRowResponse[];
}

export class BenchMatchResponse {
  @ApiProperty({ format: 'uuid' }) scopeItemId: string;
  @ApiProperty() title: string;
  @ApiProperty() sowTitle: string;
  @ApiProperty() customerName: string;
  @ApiProperty() score: number;
}

export class BenchRowResponse {
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: LEVELS }) level: string;
  @ApiProperty() region: string;
  @ApiProperty() capacityHours: number;
  @ApiProperty() plannedHours: number;
  @ApiProperty({ nullable: true, type: Number }) utilization: number | null;
  @ApiProperty() target: number;
  @ApiProperty({ description: 'Hours up to the target in the window' }) hoursToTarget: number;
  @ApiProperty({ description: 'Hours up to the maximum in the window' }) freeHours: number;
  @ApiProperty({ type: [BenchMatchResponse], description: 'In CSV: "title (score)" joined by "; "' }) bestMatches: BenchMatchResponse[];
}

export class BenchReportResponse {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [BenchRowResponse] }) items: BenchRowResponse[];
}

export class TravelRowResponse {
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2027-01' }) month: string;
  @ApiProperty() workingDays: number;
  @ApiProperty() onsiteDays: number;
  @ApiProperty({ description: 'onsite / working days' }) fraction: number;
  @ApiProperty({ description: 'The engineer travel limit (fraction)' }) limit: number;
  @ApiProperty() exceeded: boolean;
}

export class TravelReportResponse {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [TravelRowResponse] }) items: TravelRowResponse[];
}

export class DemandSupplyRowResponse {
  @ApiProperty() skill: string;
  @ApiProperty({ enum: PROFICIENCIES }) minProficiency: string;
  @ApiProperty() demandHours: number;
  @ApiProperty() unstaffedHours: number;
  @ApiProperty() supplyHours: number;
  @ApiProperty() engineers: number;
  @ApiProperty({ description: 'supply − unstaffed demand; negative is the hiring signal' }) balanceHours: number;
}

export class DemandSupplyReportResponse {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [DemandSupplyRowResponse] }) items: DemandSupplyRowResponse[];
}

export class CoverageAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty() engineerName: string;
  @ApiProperty({ enum: ASSIGNMENT_ROLES }) role: string;
  @ApiProperty() hoursPerWeek: number;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() onsiteDays: number;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: string;
}

export class CoverageWarningResponse {
  @ApiProperty({ enum: ['lead_gap', 'over_capacity', 'travel_over_limit'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'lead_gap: uncovered date ranges' }) uncovered?: Array<{ start: string; end: string }>;
  @ApiPropertyOptional() uncoveredWorkingDays?: number;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'over_capacity: ISO weeks with utilization' }) weeks?: Array<{ week: string; utilization: number | null }>;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'travel_over_limit: months with on-site and limit days' }) months?: Array<{ month: string; onsiteDays: number; limitDays: number }>;
}

export class CoverageItemResponse {
  @ApiProperty({ format: 'uuid' }) scopeItemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() estimatedHours: number;
  @ApiProperty({ description: 'Hours of live primary and lead assignments inside the item window' }) assignedHours: number;
  @ApiProperty({ description: 'estimated − assigned (never below 0)' }) unstaffedHours: number;
  @ApiProperty({ type: [CoverageAssignmentResponse] }) assignments: CoverageAssignmentResponse[];
  @ApiProperty({ type: [CoverageWarningResponse] }) warnings: CoverageWarningResponse[];
}

export class SowCoverageResponse {
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty({ enum: SOW_STATUSES }) sowStatus: string;
  @ApiProperty() estimatedHours: number;
  @ApiProperty() assignedHours: number;
  @ApiProperty() unstaffedHours: number;
  @ApiProperty({ type: [CoverageItemResponse] }) items: CoverageItemResponse[];
}
