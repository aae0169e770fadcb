import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { IsCalendarDate, JURISDICTION } from '@app/core';

export class PerformanceQueryDto {
  @ApiPropertyOptional({ example: '3301', description: 'division prefix; default: every region' })
  @IsOptional()
  @Matches(JURISDICTION, { message: 'region must be 2, 4 or 6 digits, not 00' })
  region?: string;

  @ApiPropertyOptional({ example: '2025-12-01', description: 'first day of the outcome window' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'last day of the outcome window' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class ComputePerformanceDto {
  @ApiPropertyOptional({ example: '3301' })
  @IsOptional()
  @Matches(JURISDICTION, { message: 'region must be 2, 4 or 6 digits, not 00' })
  region?: string;

  @ApiProperty({ example: '2025-12-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsCalendarDate()
  to: string;
}

export class ProposeModelDto {
  @ApiProperty({
    example: 42,
    description: 'a completed full dry run of the version, every region',
  })
  @IsInt()
  @Min(1)
  dryRunId: number;

  @ApiPropertyOptional({ example: '2027年度模型更新' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class ApproveModelDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class RefuseModelDto {
  @ApiProperty({ example: '候选模型在C、D级的问题发现率未见提升' })
  @IsString()
  @Length(1, 500)
  reason: string;
}
