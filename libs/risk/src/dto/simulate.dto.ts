import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { IsCalendarDate, IsUscc, normalizeUscc } from '@app/core';

export class SimulateDto {
  @ApiProperty({ example: '91330106MA2B3C4D5D' })
  @Transform(({ value }) => (typeof value === 'string' ? normalizeUscc(value) : value))
  @IsUscc()
  uscc: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'default: today (Asia/Shanghai)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({
    example: 'samr-general-v2-draft',
    description: 'default: the active model',
  })
  @IsOptional()
  @IsString()
  modelVersion?: string;

  @ApiPropertyOptional({
    type: [Number],
    description: 'record ids to leave out ("if this were repaired")',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  without?: number[];
}
