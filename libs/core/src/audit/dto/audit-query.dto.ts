import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../../http/page-query.dto';
import { IsUscc } from '../../validation/validators';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "the actor's token sub", example: 'regulator-xihu-01' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  actor?: string;

  @ApiPropertyOptional({
    description: 'entries about this enterprise',
    example: '91330106MA2B3C4D5E',
  })
  @IsOptional()
  @IsUscc()
  uscc?: string;

  @ApiPropertyOptional({ description: 'one action, e.g. risk.read or repair.approve' })
  @IsOptional()
  @Matches(/^[a-z][a-z.-]{0,39}$/, { message: 'action must be like risk.read' })
  action?: string;

  @ApiPropertyOptional({
    description: 'from this instant (ISO-8601) or date (YYYY-MM-DD, from its start), inclusive',
    example: '2026-06-01',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'until this instant, exclusive; a date (YYYY-MM-DD) includes the whole day',
    example: '2026-06-30',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}
