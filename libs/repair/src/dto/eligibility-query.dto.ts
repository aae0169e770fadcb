import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';

export class EligibilityQueryDto {
  @ApiProperty({ example: 1024 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  recordId: number;
}
