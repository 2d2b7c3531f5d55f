import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length } from 'class-validator';
import { CLEARANCE_LEVELS, ClearanceLevel } from '@sow/domain';

export class CreateCustomerRequest {
  @ApiProperty({ example: 'Acme Corp' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'AMER' }) @IsString() @Length(1, 64) region: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() publicSector?: boolean;
  @ApiPropertyOptional({ enum: CLEARANCE_LEVELS, nullable: true, description: 'Required when publicSector' }) @IsOptional() @IsIn(CLEARANCE_LEVELS) requiredClearance?: ClearanceLevel | null;
}

export class UpdateCustomerRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() publicSector?: boolean;
  @ApiPropertyOptional({ enum: CLEARANCE_LEVELS, nullable: true }) @IsOptional() @IsIn(CLEARANCE_LEVELS) requiredClearance?: ClearanceLevel | null;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @IsOptional() @IsInt() version?: number;
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
