import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Type } from 'class-transformer';
import { JURISDICTION } from '@app/core';
import { PARTNER_EVENT_TYPES } from '@app/registry';

export class CreateSubscriptionDto {
  @ApiProperty({
    example: 'https://tax.example.gov.cn/hooks/credit',
    description: 'the partner’s HTTPS endpoint (plain http only to 127.0.0.1, ::1 or localhost)',
  })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({
    example: ['serious-list.added', 'serious-list.repaired'],
    description: 'event types; default: every type (docs/events.md)',
    enum: PARTNER_EVENT_TYPES,
    isArray: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PARTNER_EVENT_TYPES, {
    each: true,
    message: `each of events must be one of ${PARTNER_EVENT_TYPES.join(', ')}`,
  })
  events?: string[];

  @ApiPropertyOptional({
    example: ['3301'],
    description: 'regions (2, 4 or 6 digits: province, city, district); default: every region',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(JURISDICTION, {
    each: true,
    message: 'each of regions must be 2, 4 or 6 digits, not 00',
  })
  regions?: string[];
}

export class ReplayQueryDto {
  @ApiProperty({
    example: '2026-06-01T00:00:00Z',
    description:
      'send again every event of the subscription that occurred at or after this time (or date)',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    message:
      'from must be a date (2026-06-01) or a time with its offset (2026-06-01T08:00:00+08:00)',
  })
  from: string;
}

export class DeadLettersQueryDto {
  @ApiPropertyOptional({ example: 100, description: 'at most this many, oldest event first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
