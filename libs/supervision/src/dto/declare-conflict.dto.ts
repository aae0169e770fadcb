import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { IsUscc } from '@app/core';

/** A declared conflict of interest (回避): the inspector is never drawn for that enterprise. */
export class DeclareConflictDto {
  @ApiProperty({ example: '91330106MA2B3C4D5E' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsUscc()
  uscc: string;

  @ApiProperty({ example: '配偶任该企业财务负责人', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  reason: string;
}
