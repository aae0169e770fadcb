import { ApiProperty } from '@nestjs/swagger';
import { ToId } from '@app/core';
import { IsInt, Min } from 'class-validator';

export class EligibilityQueryDto {
  @ApiProperty({ example: 1024 })
  @ToId()
  @IsInt()
  @Min(1)
  recordId: number;
}
