import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '@app/core';

export class SearchEnterprisesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '西湖',
    description:
      'a USCC prefix (case-insensitive) or a substring of the name; omitted: every enterprise of the jurisdiction',
    maxLength: 100,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  q?: string;
}
