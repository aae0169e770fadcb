import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import { JURISDICTION } from '@app/core';

export class CreateInspectorDto {
  @ApiProperty({ example: '王建国', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    example: '3301',
    description:
      'the jurisdiction the inspector serves (2, 4 or 6 digits); eligible for plans inside it',
  })
  @Matches(JURISDICTION, { message: 'regionCode must be 2, 4 or 6 digits, not 00' })
  regionCode: string;

  @ApiPropertyOptional({ default: true, description: 'inactive inspectors are never drawn' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
