import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, JURISDICTION, PageQueryDto } from '@app/core';

export class RiskHistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-31',
    description: 'the assessment in force on that date',
  })
  @IsOptional()
  @IsCalendarDate()
  at?: string;
}

export class RiskListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '明辉',
    description: 'a USCC prefix or a substring of the name (as GET /enterprises?q=)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ['A', 'B', 'C', 'D'] })
  @IsOptional()
  @IsIn(['A', 'B', 'C', 'D'])
  tier?: 'A' | 'B' | 'C' | 'D';

  @ApiPropertyOptional({
    example: '3301',
    description: 'narrows the jurisdiction (2, 4 or 6 digits)',
  })
  @IsOptional()
  @Matches(JURISDICTION, { message: 'region must be 2, 4 or 6 digits, not 00' })
  region?: string;
}

export class RiskSummaryQueryDto {
  @ApiPropertyOptional({
    example: '3301',
    description: 'narrows the jurisdiction (2, 4 or 6 digits)',
  })
  @IsOptional()
  @Matches(JURISDICTION, { message: 'region must be 2, 4 or 6 digits, not 00' })
  region?: string;

  @ApiPropertyOptional({
    enum: ['subregion'],
    description:
      'also break the counts down by the next administrative level (province → city → district) as `subRegions`',
  })
  @IsOptional()
  @IsIn(['subregion'])
  groupBy?: 'subregion';
}
