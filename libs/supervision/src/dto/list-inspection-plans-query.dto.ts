import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { RegionPageQueryDto } from './region-page-query.dto';

/**
 * Every plan of a region and period, re-draws included: a plan cannot be
 * deleted, so drawing until a preferred list comes up shows here.
 */
export class ListInspectionPlansQueryDto extends RegionPageQueryDto {
  @ApiPropertyOptional({
    description: 'plans created from this instant (ISO-8601) or date (YYYY-MM-DD, UTC), inclusive',
    example: '2026-07-01',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'plans created before this instant, exclusive; a date includes the whole day',
    example: '2026-09-30',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}
