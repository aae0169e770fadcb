import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { JURISDICTION, PageQueryDto } from '@app/core';

/** A page of a list limited to the caller's jurisdiction, optionally narrowed by `region`. */
export class RegionPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '3301',
    description: "narrows the caller's jurisdiction (2, 4 or 6 digits); it can never widen it",
  })
  @IsOptional()
  @Matches(JURISDICTION, { message: 'region must be 2, 4 or 6 digits, not 00' })
  region?: string;
}
