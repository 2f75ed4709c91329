import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ValidationQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'pdf'], description: '`pdf`: the report as a PDF in French instead of JSON', default: 'json' })
  @IsOptional()
  @IsIn(['json', 'pdf'], { message: 'format must be json or pdf' })
  format?: 'json' | 'pdf';
}
