import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetailBody {
  @ApiPropertyOptional({ description: 'The field at fault, as a dotted path', example: 'email' })
  field?: string;

  @ApiProperty({ description: 'The rule that failed', example: 'isEmail' })
  rule: string;

  @ApiProperty({ example: 'email must be an email' })
  message: string;
}

/** The body of every error response. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'validation_failed' })
  code: string;

  @ApiProperty({ example: 'Validation failed' })
  message: string;

  @ApiPropertyOptional({ type: [ErrorDetailBody] })
  details?: ErrorDetailBody[];

  @ApiPropertyOptional({ description: 'Present on 500s and on 503s for a lost database connection: quote it to operators; it is in the log' })
  errorId?: string;
}
