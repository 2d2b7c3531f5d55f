import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CLEARANCE_LEVELS, ClearanceLevel, Level, LEVELS, PROFICIENCIES, Proficiency, TIME_OFF_KINDS, TimeOffKind, MAX_SPAN_DAYS } from '@sow/domain';
import { ENGINEER_SORT_FIELDS, EngineerSortField } from '@sow/persistence';
import { PageQuery } from '../http/pagination.dto';
import { IsBoundedDate, SpanAtMost } from '../http/dates';
import { OptionalNonNull, OptionalNullable } from '../http/optional';

export class EngineerSkillDto {
  @ApiProperty({ example: 'terraform', description: 'A key from GET /skills' })
  @IsString()
  @MaxLength(64)
  key: string;

  @ApiProperty({ enum: PROFICIENCIES })
  @IsIn(PROFICIENCIES)
  proficiency: Proficiency;
}

export class CreateEngineerRequest {
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'ada@example.com' }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) level: Level;
  @ApiPropertyOptional({ description: 'Defaults to true for senior and senior_manager' }) @OptionalNonNull() @IsBoolean() leadCapable?: boolean;
  @ApiProperty({ example: 'EMEA' }) @IsString() @Length(1, 64) region: string;
  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone' }) @IsString() @MaxLength(64) timezone: string;
  @ApiPropertyOptional({ default: 40, minimum: 0, maximum: 80 }) @OptionalNonNull() @IsNumber() @Min(0) @Max(80) weeklyCapacityHours?: number;
  @ApiPropertyOptional({ default: 0.7, minimum: 0, maximum: 1 }) @OptionalNonNull() @IsNumber() @Min(0) @Max(1) utilizationTarget?: number;
  @ApiPropertyOptional({ default: 1, minimum: 0, maximum: 1.5 }) @OptionalNonNull() @IsNumber() @Min(0) @Max(1.5) maxUtilization?: number;
  @ApiPropertyOptional({ default: 0.2, minimum: 0, maximum: 1 }) @OptionalNonNull() @IsNumber() @Min(0) @Max(1) travelLimit?: number;
  @ApiPropertyOptional({ enum: CLEARANCE_LEVELS, nullable: true }) @OptionalNullable() @IsIn([...CLEARANCE_LEVELS, null]) clearance?: ClearanceLevel | null;
  @ApiPropertyOptional({ description: 'Defaults to false for senior managers' }) @OptionalNonNull() @IsBoolean() billable?: boolean;
  @ApiPropertyOptional({ default: true }) @OptionalNonNull() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'DE', description: 'ISO 3166-1 alpha-2: whose public holidays come out of capacity' })
  @OptionalNullable()
  @IsString()
  @MaxLength(2)
  country?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'DE-BY', description: 'ISO 3166-2 subdivision inside the country (regional holidays too)' })
  @OptionalNullable()
  @IsString()
  @MaxLength(6)
  subdivision?: string | null;

  @ApiPropertyOptional({ type: [EngineerSkillDto] })
  @OptionalNonNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EngineerSkillDto)
  skills?: EngineerSkillDto[];
}

/** Every field of the create request, optional (same rules), plus the version read. */
export class UpdateEngineerRequest extends PartialType(CreateEngineerRequest, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

const toArray = ({ value }: { value: unknown }): unknown => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class EngineerSearchQuery extends PageQuery {
  @ApiPropertyOptional({ type: [String], description: 'Repeatable `key` or `key:minProficiency` (e.g. terraform:experience); all must match', example: ['terraform:experience'] })
  @OptionalNonNull()
  @Transform(toArray)
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(20)
  skill?: string[];

  @ApiPropertyOptional({ enum: LEVELS, description: 'This level or above' }) @OptionalNonNull() @IsIn(LEVELS) minLevel?: Level;
  @ApiPropertyOptional({ example: 'EMEA' }) @OptionalNonNull() @IsString() @MaxLength(64) region?: string;
  @ApiPropertyOptional({ enum: CLEARANCE_LEVELS, description: 'Holds this clearance or a higher one' }) @OptionalNullable() @IsIn(CLEARANCE_LEVELS) clearance?: ClearanceLevel;
  @ApiPropertyOptional({ type: Boolean }) @OptionalNonNull() @Transform(toBoolean) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ format: 'date', description: 'No time off overlapping availableFrom..availableTo' }) @OptionalNonNull() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsBoundedDate() availableFrom?: string;
  @ApiPropertyOptional({ format: 'date' }) @OptionalNonNull() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsBoundedDate() availableTo?: string;
  @ApiPropertyOptional({ description: 'Name or email contains' }) @OptionalNonNull() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: ENGINEER_SORT_FIELDS, default: 'name' }) @OptionalNonNull() @IsIn(ENGINEER_SORT_FIELDS) sort?: EngineerSortField;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' }) @OptionalNonNull() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}

export class EngineerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: LEVELS }) level: Level;
  @ApiProperty({ description: 'Job-family grade, derived from level' }) grade: number;
  @ApiProperty() leadCapable: boolean;
  @ApiProperty() region: string;
  @ApiProperty() timezone: string;
  @ApiProperty() weeklyCapacityHours: number;
  @ApiProperty() utilizationTarget: number;
  @ApiProperty() maxUtilization: number;
  @ApiProperty() travelLimit: number;
  @ApiProperty({ enum: CLEARANCE_LEVELS, nullable: true }) clearance: ClearanceLevel | null;
  @ApiProperty() billable: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'DE' }) country: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'DE-BY' }) subdivision: string | null;
  @ApiProperty({ type: [EngineerSkillDto] }) skills: EngineerSkillDto[];
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class EngineerPage {
  @ApiProperty({ type: [EngineerResponse] }) items: EngineerResponse[];
  @ApiProperty() total: number;
}

export class ImportResultResponse {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() total: number;
}

export class CreateTimeOffRequest {
  @ApiProperty({ enum: TIME_OFF_KINDS }) @IsIn(TIME_OFF_KINDS) kind: TimeOffKind;
  @ApiProperty({ format: 'date', example: '2026-12-21' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be YYYY-MM-DD' }) @IsBoundedDate() startDate: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endDate must be YYYY-MM-DD' }) @IsBoundedDate() @SpanAtMost('startDate', MAX_SPAN_DAYS.timeOff, '1 year') endDate: string;
  @ApiPropertyOptional({ maxLength: 500 }) @OptionalNonNull() @IsString() @MaxLength(500) note?: string;
}

export class TimeOffResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty({ enum: TIME_OFF_KINDS }) kind: TimeOffKind;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
