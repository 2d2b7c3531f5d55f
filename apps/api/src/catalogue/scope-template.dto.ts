import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { Level, LEVELS, PROFICIENCIES, Proficiency, SCOPE_ITEM_KINDS, ScopeItemKind, TEMPLATE_PARAMETER_TYPES, TemplateParameterType } from '@sow/domain';
import { OptionalNonNull } from '../http/optional';

export class SkillRequirementDto {
  @ApiProperty({ example: 'terraform' }) @IsString() @Length(1, 64) key: string;
  @ApiProperty({ enum: PROFICIENCIES }) @IsIn(PROFICIENCIES) minProficiency: Proficiency;
}

export class TemplateParameterDto {
  @ApiProperty({ example: 'weeks' }) @IsString() @Length(1, 64) name: string;
  @ApiProperty({ enum: TEMPLATE_PARAMETER_TYPES }) @IsIn(TEMPLATE_PARAMETER_TYPES) type: TemplateParameterType;
  @ApiProperty() @IsString() @Length(0, 500) description: string;
  @ApiProperty() @IsBoolean() required: boolean;
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] }) @OptionalNonNull() default?: string | number | boolean;
  @ApiPropertyOptional({ type: [String] }) @OptionalNonNull() @IsArray() @IsString({ each: true }) allowedValues?: readonly string[];
  @ApiPropertyOptional() @OptionalNonNull() @IsNumber() min?: number;
  @ApiPropertyOptional() @OptionalNonNull() @IsNumber() max?: number;
}

export class CreateScopeTemplateRequest {
  @ApiProperty({ example: 'advisory-ci-review' }) @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,99}$/, { message: 'key must be lower-case letters, digits and dashes' }) key: string;
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: SCOPE_ITEM_KINDS }) @IsIn(SCOPE_ITEM_KINDS) kind: ScopeItemKind;
  @ApiProperty() @IsString() @Length(0, 5000) description: string;
  @ApiProperty({ minimum: 0.01 }) @IsNumber() @Min(0.01) estimatedHours: number;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) minLevel: Level;
  @ApiPropertyOptional({ type: [SkillRequirementDto] }) @OptionalNonNull() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SkillRequirementDto) requiredSkills?: SkillRequirementDto[];
  @ApiPropertyOptional({ default: 0 }) @OptionalNonNull() @IsInt() @Min(0) onsiteDays?: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Kind-specific details every item from this template gets' }) @IsObject() details: Record<string, unknown>;
  @ApiPropertyOptional({ type: [TemplateParameterDto], description: 'Recorded on items; custom templates have no effort rules' }) @OptionalNonNull() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => TemplateParameterDto) parameters?: TemplateParameterDto[];
}

export class ScopeTemplateDefaultsResponse {
  @ApiProperty() estimatedHours: number;
  @ApiProperty({ type: [SkillRequirementDto] }) requiredSkills: SkillRequirementDto[];
  @ApiProperty({ enum: LEVELS }) minLevel: Level;
  @ApiProperty() onsiteDays: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

export class ScopeTemplateResponse {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SCOPE_ITEM_KINDS }) kind: ScopeItemKind;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Builtin templates scale effort with their parameters' }) builtin: boolean;
  @ApiProperty({ type: ScopeTemplateDefaultsResponse }) defaults: ScopeTemplateDefaultsResponse;
  @ApiProperty({ type: [TemplateParameterDto] }) parameters: TemplateParameterDto[];
  @ApiProperty({ type: [String] }) sources: string[];
}
