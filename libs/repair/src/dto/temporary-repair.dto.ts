import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  Length,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '@app/core';

/** 破产重整 临时信用修复: listed records suspended for the term of a court-approved plan. */
export class TemporaryRepairDto {
  @ApiProperty({
    example: '(2026)浙01破12号之三',
    description: "the court's ruling approving the reorganisation plan",
  })
  @IsString()
  @Length(1, 100)
  courtDocumentNo: string;

  @ApiProperty({ example: '2026-06-10', description: 'the day the court approved the plan' })
  @IsCalendarDate()
  planApprovedOn: string;

  @ApiProperty({
    example: '2027-06-09',
    description: "the last day of the plan's term: the suspension ends by itself after it",
  })
  @IsCalendarDate()
  planEndsOn: string;

  @ApiProperty({
    type: [Number],
    example: [1042, 1043],
    description: 'the listed records to suspend',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  recordIds: number[];
}
