import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalNonNull } from './optional';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @OptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  // An integer as large as 1e114 passes @IsInt(); PostgreSQL's OFFSET (bigint) refused it (a 400 naming no field).
  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000_000, default: 0 })
  @OptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  offset = 0;
}
