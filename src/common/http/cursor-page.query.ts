import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?limit=&cursor=` of a cursor-paginated list; extend it to add a list's own filters. */
export class CursorPageQueryDto {
  @ApiPropertyOptional({ description: 'Page size (1-100)', minimum: 1, maximum: 100, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page', example: 'MjAyNi0xMS0yM1QwOToxNTowMC4wMDBafDBjMWQyZTNm' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
