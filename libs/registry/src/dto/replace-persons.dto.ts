import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PERSON_ROLES } from '../entities/enterprise-person.entity';
import type { PersonRole } from '../entities/enterprise-person.entity';

export class PersonLinkDto {
  @ApiProperty({ description: 'hex sha256 of the salted ID number (never the number itself)' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'idHash must be 64 lower-case hex characters' })
  idHash: string;

  @ApiProperty({ example: '王建国' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: PERSON_ROLES })
  @IsIn(PERSON_ROLES)
  role: PersonRole;
}

export class ReplacePersonsDto {
  @ApiProperty({ type: [PersonLinkDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PersonLinkDto)
  persons: PersonLinkDto[];
}
