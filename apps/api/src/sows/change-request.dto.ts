import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { CHANGE_REQUEST_STATUSES, ChangeRequestStatus, DomainError, DomainErrorDetail } from '@sow/domain';
import { ScopeChange } from '@sow/core';
import { CreateScopeItemRequest, ScopeItemFieldsDto } from './sow.dto';
import { OptionalNonNull } from '../http/optional';

const OPS = ['add', 'modify', 'remove'] as const;

export class ScopeChangeDto {
  @ApiProperty({ enum: OPS }) @IsIn(OPS) op: (typeof OPS)[number];
  @ApiPropertyOptional({ type: CreateScopeItemRequest, description: 'op add: the new item, as for POST /sows/:id/scope-items' }) @OptionalNonNull() @IsObject() @ValidateNested() @Type(() => CreateScopeItemRequest) item?: CreateScopeItemRequest;
  @ApiPropertyOptional({ format: 'uuid', description: 'op modify / remove' }) @OptionalNonNull() @IsUUID() scopeItemId?: string;
  @ApiPropertyOptional({ type: ScopeItemFieldsDto, description: 'op modify: the fields to change' }) @OptionalNonNull() @IsObject() @ValidateNested() @Type(() => ScopeItemFieldsDto) patch?: ScopeItemFieldsDto;
}

export class CreateChangeRequestRequest {
  @ApiProperty({ maxLength: 2000 }) @IsString() @Length(1, 2000) reason: string;
  @ApiProperty({ type: [ScopeChangeDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ScopeChangeDto) changes: ScopeChangeDto[];
}

/** Each op needs its own fields; reported per change before anything is stored. */
export function toScopeChanges(changes: readonly ScopeChangeDto[]): ScopeChange[] {
  const problems: DomainErrorDetail[] = [];
  const need = (i: number, op: string, field: 'item' | 'scopeItemId' | 'patch'): ScopeChange[] => {
    problems.push({ field: `changes[${i}].${field}`, rule: 'isDefined', message: `op ${op} needs ${field}` });
    return [];
  };
  const out = changes.flatMap((c, i): ScopeChange[] => {
    if (c.op === 'add') return c.item ? [{ op: 'add', item: { ...c.item } }] : need(i, c.op, 'item');
    if (!c.scopeItemId) return need(i, c.op, 'scopeItemId');
    if (c.op === 'modify') return c.patch ? [{ op: 'modify', scopeItemId: c.scopeItemId, patch: { ...c.patch } }] : need(i, c.op, 'patch');
    return [{ op: 'remove', scopeItemId: c.scopeItemId }];
  });
  if (problems.length > 0) throw new DomainError('validation_failed', 'Invalid changes', problems);
  return out;
}

export class ChangeRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sowId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [ScopeChangeDto] }) changes: ScopeChange[];
  @ApiProperty({ enum: CHANGE_REQUEST_STATUSES }) status: ChangeRequestStatus;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty({ description: 'The SOW version it was written against' }) sowVersion: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
