import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CLEARANCE_LEVELS, ClearanceLevel, Level, LEVELS, SCOPE_ITEM_KINDS, SCOPE_ITEM_STATUSES, ScopeItemKind, ScopeItemStatus, SOW_STATUSES, SowStatus, MAX_SPAN_DAYS } from '@sow/domain';
import { PageQuery } from '../http/pagination.dto';
import { SkillRequirementDto } from '../catalogue/scope-template.dto';
import { IsBoundedDate, SpanAtMost } from '../http/dates';
import { OptionalNonNull } from '../http/optional';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateSowRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId: string;
  @ApiProperty({ example: 'GitLab 10k HA install' }) @IsString() @Length(1, 300) title: string;
  @ApiProperty({ format: 'date', example: '2027-01-04' }) @IsString() @Matches(DATE, { message: 'startDate must be YYYY-MM-DD' }) @IsBoundedDate() startDate: string;
  @ApiProperty({ format: 'date', example: '2027-03-26' }) @IsString() @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' }) @IsBoundedDate() @SpanAtMost('startDate', MAX_SPAN_DAYS.engagement, '5 years') endDate: string;
  @ApiPropertyOptional({ example: 'USD', default: 'USD', description: 'Needs an active rate card' }) @OptionalNonNull() @IsString() @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be a 3-letter code' }) currency?: string;
}

export class UpdateSowRequest {
  @ApiPropertyOptional() @OptionalNonNull() @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional({ format: 'date' }) @OptionalNonNull() @IsString() @Matches(DATE, { message: 'startDate must be YYYY-MM-DD' }) @IsBoundedDate() startDate?: string;
  @ApiPropertyOptional({ format: 'date' }) @OptionalNonNull() @IsString() @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' }) @IsBoundedDate() @SpanAtMost('startDate', MAX_SPAN_DAYS.engagement, '5 years') endDate?: string;
  @ApiPropertyOptional({ example: 'USD' }) @OptionalNonNull() @IsString() @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be a 3-letter code' }) currency?: string;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class SowListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SOW_STATUSES }) @OptionalNonNull() @IsIn(SOW_STATUSES) status?: SowStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNonNull() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'Only SOWs where I am the engagement manager' })
  @OptionalNonNull()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;
}

/** Hand-written fields of a scope item; all optional here because a template may supply them. */
export class ScopeItemFieldsDto {
  @ApiPropertyOptional({ enum: SCOPE_ITEM_KINDS, description: 'Hand-written items only' }) @OptionalNonNull() @IsIn(SCOPE_ITEM_KINDS) kind?: ScopeItemKind;
  @ApiPropertyOptional({ maxLength: 300 }) @OptionalNonNull() @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Kind-specific; see validateScopeDetails' }) @OptionalNonNull() @IsObject() details?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Greater than 0' }) @OptionalNonNull() @IsNumber() @Max(100000) estimatedHours?: number;
  @ApiPropertyOptional({ enum: LEVELS }) @OptionalNonNull() @IsIn(LEVELS) minLevel?: Level;
  @ApiPropertyOptional({ type: [SkillRequirementDto] }) @OptionalNonNull() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SkillRequirementDto) requiredSkills?: SkillRequirementDto[];
  @ApiPropertyOptional({ minimum: 0 }) @OptionalNonNull() @IsInt() @Min(0) onsiteDays?: number;
  @ApiPropertyOptional({ format: 'date', description: 'Inside the SOW dates' }) @OptionalNonNull() @IsString() @MaxLength(10) @IsBoundedDate() startDate?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Inside the SOW dates' }) @OptionalNonNull() @IsString() @MaxLength(10) @IsBoundedDate() @SpanAtMost('startDate', MAX_SPAN_DAYS.engagement, '5 years') endDate?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'Engineers who may share the hours (one primary, the rest secondary); default 2–3 for large installations and migrations, else 1' })
  @OptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(5)
  maxTeamSize?: number;
}

export class CreateScopeItemRequest extends ScopeItemFieldsDto {
  @ApiPropertyOptional({ example: 'install-ra-10k-ha', description: 'Expand a template (then pass parameters, not hand-written fields)' }) @OptionalNonNull() @IsString() @MaxLength(100) templateKey?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { cloud: 'aws' } }) @OptionalNonNull() @IsObject() parameters?: Record<string, unknown>;
}

export class PatchScopeItemRequest extends ScopeItemFieldsDto {
  @ApiPropertyOptional({ description: 'The item version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class TransitionRequest {
  @ApiPropertyOptional({ maxLength: 2000 }) @OptionalNonNull() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ description: 'The SOW version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class ReasonRequiredRequest {
  @ApiProperty({ maxLength: 2000 }) @IsString() @Length(1, 2000) reason: string;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class QuoteQuery {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Project-management overhead in % of the items (e.g. 15)' })
  @OptionalNonNull()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(100)
  pmOverheadPct?: number;
}

export class ScopeItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty({ nullable: true, type: String }) templateKey: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) parameters: Record<string, string | number | boolean> | null;
  @ApiProperty({ enum: SCOPE_ITEM_KINDS }) kind: ScopeItemKind;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty() estimatedHours: number;
  @ApiProperty({ enum: LEVELS }) minLevel: Level;
  @ApiProperty({ type: [SkillRequirementDto] }) requiredSkills: SkillRequirementDto[];
  @ApiProperty() onsiteDays: number;
  @ApiProperty({ description: 'Engineers who may share the hours' }) maxTeamSize: number;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ enum: SCOPE_ITEM_STATUSES }) status: ScopeItemStatus;
  @ApiProperty() version: number;
}

export class ApprovalResponse {
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class SowResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid', description: 'The user id of the engagement manager' }) engagementManagerId: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ enum: SOW_STATUSES }) status: SowStatus;
  @ApiProperty({ enum: SOW_STATUSES, isArray: true }) allowedTransitions: SowStatus[];
  @ApiProperty({ enum: CLEARANCE_LEVELS, nullable: true }) requiredClearance: ClearanceLevel | null;
  @ApiProperty({ type: ApprovalResponse, nullable: true }) approval: ApprovalResponse | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ type: [ScopeItemResponse] }) scopeItems?: ScopeItemResponse[];
  @ApiPropertyOptional() estimatedHours?: number;
}

export class SowPage {
  @ApiProperty({ type: [SowResponse] }) items: SowResponse[];
  @ApiProperty() total: number;
}

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ example: 'sow.approved' }) action: string;
  @ApiProperty({ example: 'sow' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) after: Record<string, unknown> | null;
}

export class QuoteAmountsResponse {
  @ApiProperty() hours: number;
  @ApiProperty({ example: '12000.00' }) price: string;
  @ApiProperty({ example: '5200.00' }) cost: string;
  @ApiProperty({ example: '6800.00' }) grossMargin: string;
  @ApiProperty({ example: '56.7', nullable: true, type: String }) marginPct: string | null;
}

export class QuoteLineResponse extends QuoteAmountsResponse {
  @ApiProperty({ format: 'uuid' }) scopeItemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LEVELS }) level: string;
  @ApiProperty({ example: '300.00' }) billRate: string;
  @ApiProperty({ example: '130.00' }) costRate: string;
}

export class PmOverheadResponse extends QuoteAmountsResponse {
  @ApiProperty() pct: number;
}

export class RateCardRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() version: number;
}

export class QuoteResponse {
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty() sowVersion: number;
  @ApiProperty() currency: string;
  @ApiProperty({ type: RateCardRefResponse }) rateCard: RateCardRefResponse;
  @ApiProperty({ type: [QuoteLineResponse] }) items: QuoteLineResponse[];
  @ApiProperty({ type: PmOverheadResponse, nullable: true }) pmOverhead: PmOverheadResponse | null;
  @ApiProperty({ type: QuoteAmountsResponse }) totals: QuoteAmountsResponse;
}
