import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto, JURISDICTION } from '@app/core';
import { APPLICATION_STATUSES, ApplicationStatus } from '../policy/application-state';

export class ListApplicationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({
    example: '330106',
    description: "regulators: narrow to a region prefix within the caller's jurisdiction",
  })
  @IsOptional()
  @Matches(JURISDICTION, { message: 'region must be 2, 4 or 6 digits, not 00' })
  region?: string;

  @ApiPropertyOptional({
    example: true,
    description: 'only applications past the deadline of their current stage',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    enum: ['newest', 'deadline'],
    default: 'newest',
    description:
      'newest: newest first; deadline: earliest deadline of the current stage first (acceptBy while SUBMITTED, decideBy once ACCEPTED)',
  })
  @IsOptional()
  @IsIn(['newest', 'deadline'])
  sort?: 'newest' | 'deadline';
}
