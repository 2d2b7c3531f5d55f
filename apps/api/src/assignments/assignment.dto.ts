import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ASSIGNMENT_ROLES, ASSIGNMENT_SOURCES, ASSIGNMENT_STATUSES, AssignmentRole, AssignmentSource, AssignmentStatus, MAX_SPAN_DAYS } from '@sow/domain';
import { CriterionScoreResponse } from '../candidates/candidate.dto';
import { PageQuery } from '../http/pagination.dto';
import { IsBoundedDate, SpanAtMost } from '../http/dates';
import { OptionalNonNull } from '../http/optional';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ProposeAssignmentRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() engineerId: string;
  @ApiProperty({ enum: ASSIGNMENT_ROLES, description: 'An associate primary needs a lead on the SOW for the same dates' }) @IsIn(ASSIGNMENT_ROLES) role: AssignmentRole;
  @ApiProperty({ minimum: 0.5, maximum: 60, example: 20 }) @IsNumber() @Min(0.5) @Max(60) hoursPerWeek: number;
  @ApiProperty({ format: 'date', example: '2027-01-04', description: 'Inside the scope item' }) @IsString() @Matches(DATE, { message: 'startDate must be YYYY-MM-DD' }) @IsBoundedDate() startDate: string;
  @ApiProperty({ format: 'date', example: '2027-02-26', description: 'Inside the scope item' }) @IsString() @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' }) @IsBoundedDate() @SpanAtMost('startDate', MAX_SPAN_DAYS.engagement, '5 years') endDate: string;
  @ApiProperty({ minimum: 0, maximum: 366, example: 0, description: 'On-site days over the whole assignment' }) @IsNumber() @Min(0) @Max(366) onsiteDays: number;
  @ApiPropertyOptional({ default: false, description: 'A locked assignment is never moved by a staffing plan' }) @OptionalNonNull() @IsBoolean() locked?: boolean;
  @ApiPropertyOptional({ minLength: 10, maxLength: 2000, description: 'Senior managers only: accept the broken rules for this written reason' })
  @OptionalNonNull()
  @IsString()
  @Length(10, 2000)
  overrideReason?: string;
}

export class UpdateAssignmentRequest {
  @ApiPropertyOptional({ enum: ASSIGNMENT_ROLES }) @OptionalNonNull() @IsIn(ASSIGNMENT_ROLES) role?: AssignmentRole;
  @ApiPropertyOptional({ minimum: 0.5, maximum: 60 }) @OptionalNonNull() @IsNumber() @Min(0.5) @Max(60) hoursPerWeek?: number;
  @ApiPropertyOptional({ format: 'date' }) @OptionalNonNull() @IsString() @Matches(DATE, { message: 'startDate must be YYYY-MM-DD' }) @IsBoundedDate() startDate?: string;
  @ApiPropertyOptional({ format: 'date' }) @OptionalNonNull() @IsString() @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' }) @IsBoundedDate() @SpanAtMost('startDate', MAX_SPAN_DAYS.engagement, '5 years') endDate?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 366 }) @OptionalNonNull() @IsNumber() @Min(0) @Max(366) onsiteDays?: number;
  @ApiPropertyOptional() @OptionalNonNull() @IsBoolean() locked?: boolean;
  @ApiPropertyOptional({ minLength: 10, maxLength: 2000, description: 'Senior managers only' }) @OptionalNonNull() @IsString() @Length(10, 2000) overrideReason?: string;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class ReleaseAssignmentRequest {
  @ApiProperty({ minLength: 3, maxLength: 2000, example: 'Customer moved the start to Q3' }) @IsString() @Length(3, 2000) reason: string;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class ApproveAssignmentRequest {
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class AssignmentListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNonNull() @IsUUID() engineerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNonNull() @IsUUID() sowId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNonNull() @IsUUID() scopeItemId?: string;
  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES }) @OptionalNonNull() @IsIn(ASSIGNMENT_STATUSES) status?: AssignmentStatus;
}

export class StoredScoreResponse {
  @ApiProperty({ description: 'Weighted score in [0, 1] when assigned' }) total: number;
  @ApiProperty({ type: [CriterionScoreResponse] }) breakdown: CriterionScoreResponse[];
}

export class OverrideResponse {
  @ApiProperty({ type: [String], example: ['capacity_exceeded'] }) rules: string[];
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid', description: 'The senior manager' }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class AssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) scopeItemId: string;
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty({ enum: ASSIGNMENT_ROLES }) role: AssignmentRole;
  @ApiProperty() hoursPerWeek: number;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() onsiteDays: number;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: AssignmentStatus;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES, isArray: true }) allowedTransitions: AssignmentStatus[];
  @ApiProperty({ enum: ASSIGNMENT_SOURCES }) source: AssignmentSource;
  @ApiProperty() locked: boolean;
  @ApiProperty({ type: StoredScoreResponse, nullable: true, description: 'The score at the moment of assignment' }) score: StoredScoreResponse | null;
  @ApiProperty({ type: OverrideResponse, nullable: true }) override: OverrideResponse | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) staffingPlanId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvedBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AssignmentPage {
  @ApiProperty({ type: [AssignmentResponse] }) items: AssignmentResponse[];
  @ApiProperty() total: number;
}

