import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsString, Length } from 'class-validator';
import { CLEARANCE_LEVELS, ClearanceLevel } from '@sow/domain';
import { OptionalNonNull, OptionalNullable } from '../http/optional';

export class CreateCustomerRequest {
  @ApiProperty({ example: 'Acme Corp' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'AMER' }) @IsString() @Length(1, 64) region: string;
  @ApiPropertyOptional({ default: false }) @OptionalNonNull() @IsBoolean() publicSector?: boolean;
  @ApiPropertyOptional({ enum: CLEARANCE_LEVELS, nullable: true, description: 'Required when publicSector' }) @OptionalNullable() @IsIn(CLEARANCE_LEVELS) requiredClearance?: ClearanceLevel | null;
}

export class UpdateCustomerRequest {
  @ApiPropertyOptional() @OptionalNonNull() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @OptionalNonNull() @IsString() @Length(1, 64) region?: string;
  @ApiPropertyOptional() @OptionalNonNull() @IsBoolean() publicSector?: boolean;
  @ApiPropertyOptional({ enum: CLEARANCE_LEVELS, nullable: true }) @OptionalNullable() @IsIn(CLEARANCE_LEVELS) requiredClearance?: ClearanceLevel | null;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class CustomerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() region: string;
  @ApiProperty() publicSector: boolean;
  @ApiProperty({ enum: CLEARANCE_LEVELS, nullable: true }) requiredClearance: ClearanceLevel | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CustomerPage {
  @ApiProperty({ type: [CustomerResponse] }) items: CustomerResponse[];
  @ApiProperty() total: number;
}
