import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsCalendarDate, JURISDICTION, PageQueryDto } from '@app/core';

export class StartRunDto {
  @ApiProperty({ enum: ['full', 'incremental'], example: 'incremental' })
  @IsIn(['full', 'incremental'])
  mode: 'full' | 'incremental';

  @ApiPropertyOptional({
    example: 'samr-general-v2-draft',
    description: 'default: the active model',
  })
  @IsOptional()
  @IsString()
  modelVersion?: string;

  @ApiPropertyOptional({ example: '3301', description: 'narrow the run to a region prefix' })
  @IsOptional()
  @Matches(JURISDICTION, { message: 'region must be 2, 4 or 6 digits, not 00' })
  region?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'default: today (Asia/Shanghai)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'compute and report the transition matrix; store no assessment',
  })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

/** GET /reclassifications: recent runs, optionally only those the overview can stand on. */
export class ListRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['queued', 'running', 'completed', 'failed'] })
  @IsOptional()
  @IsIn(['queued', 'running', 'completed', 'failed'])
  status?: 'queued' | 'running' | 'completed' | 'failed';

  @ApiPropertyOptional({ description: 'false: leave out dry runs (they store nothing)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    description:
      "true: only runs covering the caller's whole jurisdiction (national runs, or runs of a region containing it)",
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  covering?: boolean;
}
