import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

export class WithdrawDto {
  @ApiProperty({ example: 1, description: 'the version the enterprise saw (optimistic lock)' })
  @IsInt()
  @Min(1)
  version: number;
}
