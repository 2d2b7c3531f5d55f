import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalNonNull } from './optional';

/**
 * The documented half of a paging query parameter: an integer with its bounds and default (the
 * class-validator rules sit beside it). Without `type`, a property initialised with a default has no
 * design type and the document showed it as an object.
 */
export const ApiPageParameter = (options: { minimum: number; maximum: number; default: number; description?: string }): PropertyDecorator =>
  ApiPropertyOptional({ type: 'integer', ...options });

export class PageQuery {
  @ApiPageParameter({ minimum: 1, maximum: 500, default: 50, description: 'Items per page' })
  @OptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  // An integer as large as 1e114 passes @IsInt(); PostgreSQL's OFFSET (bigint) refused it (a 400 naming no field).
  @ApiPageParameter({ minimum: 0, maximum: 1_000_000_000, default: 0, description: 'Items to skip' })
  @OptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  offset = 0;
}
