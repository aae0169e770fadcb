import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, Roles, UsccPipe } from '@app/core';
import { RiskHistoryQueryDto, RiskQueryService } from '@app/risk';

/** Risk is internal supervision data: regulators (and admins) only, never the enterprise itself. */
@ApiTags('risk')
@ApiBearerAuth()
@Roles('regulator', 'admin')
@Controller('enterprises/:uscc/risk')
export class EnterpriseRiskController {
  constructor(private readonly risk: RiskQueryService) {}

  @Get()
  @Audit('risk.read')
  @ApiOperation({
    summary: 'Current tier and score with the explanation (factors, vetoes); 404 if never assessed',
  })
  current(@CurrentCaller() caller: Caller, @Param('uscc', UsccPipe) uscc: string) {
    return this.risk.current(caller, uscc);
  }

  @Get('history')
  @Audit('risk.history')
  @ApiOperation({
    summary: 'Assessments newest first; with ?at=YYYY-MM-DD the one in force on that date',
  })
  history(
    @CurrentCaller() caller: Caller,
    @Param('uscc', UsccPipe) uscc: string,
    @Query() q: RiskHistoryQueryDto,
  ) {
    return q.at
      ? this.risk.at(caller, uscc, q.at)
      : this.risk.history(caller, uscc, q.page, q.pageSize);
  }
}
