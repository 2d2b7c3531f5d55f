import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { USER_ROLES, UserRole } from '@sow/domain';
import { OptionalNonNull } from '../http/optional';

export class CreateUserRequest {
  @ApiProperty({ example: 'em@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 12, maxLength: 200 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'The engineer record this user is (engineers only)' })
  @OptionalNonNull()
  @IsUUID()
  engineerId?: string;
}

/** Access changes by an admin; either one revokes the user's current tokens on their next request. */
export class UpdateUserRequest {
  @ApiPropertyOptional({ enum: USER_ROLES }) @OptionalNonNull() @IsIn(USER_ROLES) role?: UserRole;
  @ApiPropertyOptional({ description: 'false deactivates: no sign-in, and existing tokens are refused' }) @OptionalNonNull() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) engineerId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPage {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty() total: number;
}
