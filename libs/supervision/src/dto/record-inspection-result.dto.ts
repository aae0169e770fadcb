import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '@app/core';
import { INSPECTION_RESULTS, InspectionResult } from '@app/scoring';

/** An inspection's result for one drawn enterprise, as the inspectors' authority records it. */
export class RecordInspectionResultDto {
  @ApiProperty({
    enum: INSPECTION_RESULTS,
    description: 'PASS; PROBLEM (findings required); NOT_FOUND: 通过登记的住所无法联系',
  })
  @IsIn(INSPECTION_RESULTS)
  result: InspectionResult;

  @ApiProperty({ example: '2026-07-02', description: 'not before the draw, not after today' })
  @IsCalendarDate()
  inspectedOn: string;

  @ApiProperty({ example: '杭西市监检〔2026〕57号', description: 'the inspection document number' })
  @IsString()
  @Length(1, 100)
  documentNo: string;

  @ApiPropertyOptional({ example: '未按规定公示年度报告', description: 'required for PROBLEM' })
  @ValidateIf((o: RecordInspectionResultDto) => o.result === 'PROBLEM' || o.findings !== undefined)
  @IsString()
  @Length(1, 2000)
  findings?: string;

  @ApiPropertyOptional({
    example: 4711,
    description: 'PROBLEM only: the id of the penalty record that followed, of the same enterprise',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  penaltyRecordId?: number;
}
