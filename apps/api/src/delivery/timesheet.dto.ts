import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalNonNull } from '../http/optional';
import { IsBoundedDate } from '../http/dates';
import { TIMESHEET_STATUSES, TimesheetStatus } from '@sow/domain';
import { PageQuery } from '../http/pagination.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateTimesheetRequest {
  @ApiProperty({ format: 'date', example: '2027-03-01', description: 'The Monday of the week' }) @IsString() @Matches(DATE, { message: 'weekStart must be YYYY-MM-DD' }) @IsBoundedDate() weekStart: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for managers; an engineer opens their own week' }) @OptionalNonNull() @IsUUID() engineerId?: string;
}

export class TimesheetListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNonNull() @IsUUID() engineerId?: string;
  @ApiPropertyOptional({ format: 'date' }) @OptionalNonNull() @IsString() @Matches(DATE, { message: 'weekStart must be YYYY-MM-DD' }) @IsBoundedDate() weekStart?: string;
  @ApiPropertyOptional({ enum: TIMESHEET_STATUSES }) @OptionalNonNull() @IsIn(TIMESHEET_STATUSES) status?: TimesheetStatus;
}

export class LogHoursRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() assignmentId: string;
  @ApiPropertyOptional({ format: 'date', description: 'The day; without it the hours are spread evenly over the week’s working days inside the assignment' }) @OptionalNonNull() @IsString() @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) @IsBoundedDate() date?: string;
  @ApiProperty({ minimum: 0.01, maximum: 168, description: 'Hours, at most 2 decimals; at most 24 on one day across entries' }) @IsNumber() @Min(0.01) @Max(168) hours: number;
  @ApiPropertyOptional({ description: 'Defaults to true (false on a shadow assignment)' }) @OptionalNonNull() @IsBoolean() billable?: boolean;
  @ApiPropertyOptional({ maxLength: 2000 }) @OptionalNonNull() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ description: 'The timesheet version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class ReverseEntryRequest {
  @ApiProperty({ format: 'uuid', description: 'The entry to cancel, from any of this engineer’s weeks (approved ones included)' }) @IsUUID() entryId: string;
  @ApiPropertyOptional({ minimum: 0.01, maximum: 24, description: 'The corrected hours for the same day, logged with the reversal' }) @OptionalNonNull() @IsNumber() @Min(0.01) @Max(24) replacementHours?: number;
  @ApiPropertyOptional({ maxLength: 2000 }) @OptionalNonNull() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ description: 'The timesheet version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class VersionRequest {
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class WeekQuery {
  @ApiPropertyOptional({ format: 'date', description: 'A Monday; default last week' }) @OptionalNonNull() @IsString() @Matches(DATE, { message: 'weekStart must be YYYY-MM-DD' }) @IsBoundedDate() weekStart?: string;
}

export class RemindMissingRequest {
  @ApiPropertyOptional({ format: 'date', description: 'A Monday; default last week' }) @OptionalNonNull() @IsString() @Matches(DATE, { message: 'weekStart must be YYYY-MM-DD' }) @IsBoundedDate() weekStart?: string;
}

export class TimesheetEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) scopeItemId: string;
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ description: 'Negative on a reversal' }) hours: number;
  @ApiProperty() billable: boolean;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reversesEntryId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TimesheetResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty({ format: 'date' }) weekStart: string;
  @ApiProperty({ format: 'date' }) weekEnd: string;
  @ApiProperty({ enum: TIMESHEET_STATUSES }) status: TimesheetStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) returnReason: string | null;
  @ApiProperty() totalHours: number;
  @ApiProperty() billableHours: number;
  @ApiProperty() version: number;
}

export class TimesheetDetailResponse extends TimesheetResponse {
  @ApiProperty({ type: [TimesheetEntryResponse] }) entries: TimesheetEntryResponse[];
}

export class TimesheetPage {
  @ApiProperty({ type: [TimesheetResponse] }) items: TimesheetResponse[];
  @ApiProperty() total: number;
}

export class TimesheetImportResponse {
  @ApiProperty({ description: 'Entries written' }) created: number;
  @ApiProperty({ description: 'Weeks touched (created when missing)' }) timesheets: number;
}

export class MissingTimesheetRowResponse {
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty() region: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) timesheetId: string | null;
  @ApiProperty({ enum: TIMESHEET_STATUSES, nullable: true, description: 'open or returned, or null when the week was never opened' }) status: TimesheetStatus | null;
}

export class MissingTimesheetsResponse {
  @ApiProperty({ format: 'date' }) weekStart: string;
  @ApiProperty({ format: 'date' }) weekEnd: string;
  @ApiProperty({ type: [MissingTimesheetRowResponse] }) items: MissingTimesheetRowResponse[];
}

export class RemindMissingResponse {
  @ApiProperty({ format: 'date' }) weekStart: string;
  @ApiProperty({ description: 'timesheet.missing events written' }) reminded: number;
  @ApiProperty({ description: 'Engineers already reminded for this week' }) alreadyReminded: number;
}
