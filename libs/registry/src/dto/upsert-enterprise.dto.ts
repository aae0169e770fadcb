import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, IsMoney, REGION_CODE_6, MONEY_INTEGER_DIGITS } from '@app/core';
import type { EnterpriseStatus } from '@app/scoring';

export const ENTERPRISE_STATUSES: EnterpriseStatus[] = ['ACTIVE', 'REVOKED', 'CANCELLED'];

export class UpsertEnterpriseDto {
  @ApiProperty({ example: '杭州西湖明辉贸易有限公司' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '330106', description: '6-digit GB/T 2260 administrative division code' })
  @Matches(REGION_CODE_6, { message: 'regionCode must be 6 digits' })
  regionCode: string;

  @ApiProperty({ example: 'F5191', description: 'GB/T 4754 industry code' })
  @Matches(/^[A-T](\d{2}){0,2}\d?$/, {
    message: 'industryCode must be a GB/T 4754 code like C1391',
  })
  industryCode: string;

  @ApiProperty({ example: '有限责任公司' })
  @IsString()
  @Length(1, 40)
  type: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'number' }],
    example: '5000000.00',
    description: 'CNY as a decimal string, at most 16 digits before the point and 2 after',
  })
  @IsMoney(MONEY_INTEGER_DIGITS.registeredCapital)
  registeredCapital: string | number;

  @ApiProperty({ example: '2015-03-12' })
  @IsCalendarDate()
  establishedOn: string;

  @ApiProperty({ enum: ENTERPRISE_STATUSES })
  @IsIn(ENTERPRISE_STATUSES)
  status: EnterpriseStatus;
}
