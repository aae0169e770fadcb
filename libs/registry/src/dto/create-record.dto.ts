import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDate, IsMoney, REGION_CODE_6, MONEY_INTEGER_DIGITS } from '@app/core';
import { PENALTY_FIELDS, RECORD_KINDS } from '@app/scoring';
import type {
  InspectionResult,
  PenaltyField,
  PenaltySeverity,
  RecordKind,
  TaxRating,
} from '@app/scoring';
import { KindField } from './kind-field.validator';

/** One record; which fields are required or allowed depends on `kind` (see api.md). */
export class CreateRecordDto {
  @ApiProperty({ enum: RECORD_KINDS, example: 'PENALTY' })
  @IsIn(RECORD_KINDS)
  kind: RecordKind;

  @ApiProperty({
    example: '2026-03-15',
    description: 'decision/listing/inspection/filing/change date',
  })
  @IsCalendarDate()
  occurredOn: string;

  @ApiPropertyOptional({ enum: ['MINOR', 'MODERATE', 'SERIOUS'], description: 'PENALTY' })
  @KindField(['PENALTY'])
  @IsIn(['MINOR', 'MODERATE', 'SERIOUS'])
  severity?: PenaltySeverity;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string' }, { type: 'number' }],
    example: '20000.00',
    description: 'PENALTY: fine in CNY as a decimal string, at most 14 digits before the point',
  })
  @KindField(['PENALTY'])
  @IsMoney(MONEY_INTEGER_DIGITS.penaltyAmount)
  amount?: string | number;

  @ApiPropertyOptional({ example: '虚假宣传', description: 'PENALTY: kind of violation' })
  @KindField(['PENALTY'])
  @IsString()
  @Length(1, 64)
  violationType?: string;

  @ApiPropertyOptional({ description: 'PENALTY: 吊销许可证/责令停产停业/限制从业/降低资质等级' })
  @KindField(['PENALTY'], [])
  @IsBoolean()
  restrictive?: boolean;

  @ApiPropertyOptional({
    example: '2027-03-15',
    description: 'PENALTY with restrictive: end of the restriction',
  })
  @KindField(['PENALTY'], [])
  @IsCalendarDate()
  restrictionEndsOn?: string;

  @ApiPropertyOptional({
    example: '杭西市监处罚〔2026〕123号',
    description: 'decision document number',
  })
  @KindField(
    ['PENALTY', 'ABNORMAL_LISTING', 'SERIOUS_DISHONESTY_LISTING', 'JUDGMENT_DEBTOR', 'INSPECTION'],
    ['PENALTY'],
  )
  @IsString()
  @Length(1, 100)
  documentNo?: string;

  @ApiPropertyOptional({ example: '通过登记的住所无法联系', description: 'listings: reason' })
  @KindField(['ABNORMAL_LISTING', 'SERIOUS_DISHONESTY_LISTING'])
  @IsString()
  @Length(1, 500)
  reason?: string;

  @ApiPropertyOptional({ enum: ['PASS', 'PROBLEM', 'NOT_FOUND'], description: 'INSPECTION' })
  @KindField(['INSPECTION'])
  @IsIn(['PASS', 'PROBLEM', 'NOT_FOUND'])
  result?: InspectionResult;

  @ApiPropertyOptional({ example: '守合同重信用', description: 'HONOR' })
  @KindField(['HONOR'])
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ example: 2025, description: 'TAX_RATING, ANNUAL_REPORT: the year' })
  @KindField(['TAX_RATING', 'ANNUAL_REPORT'])
  @IsInt()
  @Min(1980)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: ['A', 'B', 'M', 'C', 'D'], description: 'TAX_RATING' })
  @KindField(['TAX_RATING'])
  @IsIn(['A', 'B', 'M', 'C', 'D'])
  rating?: TaxRating;

  @ApiPropertyOptional({
    enum: PENALTY_FIELDS,
    description:
      'PENALTY: field of law (decides the 2021 minimum repair period); derived from violationType when absent',
  })
  @KindField(['PENALTY'], [])
  @IsIn(PENALTY_FIELDS)
  field?: PenaltyField;

  @ApiPropertyOptional({
    example: '330100',
    description:
      'issuing authority (6-digit GB/T 2260 division code, padded for a city or province); default the registration region. Its regulators decide repairs (谁认定谁修复).',
  })
  @IsOptional()
  @Matches(REGION_CODE_6, { message: 'authorityRegion must be a 6-digit division code' })
  authorityRegion?: string;

  @ApiPropertyOptional({
    example: 1042,
    description:
      'the record of the same enterprise this one follows from (e.g. the inspection behind a penalty)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  relatedRecordId?: number;

  @ApiPropertyOptional({ example: 'SRC-2026-0001', description: "the source system's own id" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference?: string;
}
