import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit, Caller, canonicalUscc, CurrentCaller, Roles, ApiErrors } from '@app/core';
import {
  RiskListQueryDto,
  RiskQueryService,
  RiskSummaryQueryDto,
  SimulateDto,
  SimulationService,
} from '@app/risk';
import { PageOf } from '../openapi/page-of';
import { RiskSummaryView, SimulationView, TierListItemView } from '../openapi/risk.views';

@ApiTags('risk')
@ApiBearerAuth()
@Roles('regulator', 'admin')
@Controller('risk')
export class RiskController {
  constructor(
    private readonly risk: RiskQueryService,
    private readonly simulation: SimulationService,
  ) {}

  @Get()
  @Audit('risk.list', (s) => s.query.region)
  @ApiOperation({
    summary: "Current tiers in the caller's jurisdiction (region may only narrow it), paged",
  })
  @ApiOkResponse({ type: PageOf(TierListItemView) })
  @ApiErrors(400, 401, 403, 429)
  list(@CurrentCaller() caller: Caller, @Query() q: RiskListQueryDto) {
    return this.risk.list(caller, q);
  }

  @Get('summary')
  @Audit('risk.summary', (s) => s.query.region)
  @ApiOperation({
    summary:
      'Counts per tier in the jurisdiction: {total, byTier:{A,B,C,D}}; with groupBy=subregion also subRegions',
  })
  @ApiOkResponse({ type: RiskSummaryView })
  @ApiErrors(400, 401, 403, 429)
  summary(@CurrentCaller() caller: Caller, @Query() q: RiskSummaryQueryDto) {
    return this.risk.summary(caller, q.region, q.groupBy);
  }

  @Post('simulate')
  @HttpCode(200)
  @Audit('risk.simulate', (s) => canonicalUscc((s.body as { uscc?: unknown } | undefined)?.uscc))
  @ApiOperation({
    summary:
      'What-if assessment, not stored: another model version, another as-of date, or without some records',
  })
  @ApiOkResponse({ type: SimulationView })
  @ApiErrors(400, 401, 403, 429, 404, 422)
  simulate(@CurrentCaller() caller: Caller, @Body() dto: SimulateDto) {
    return this.simulation.simulate(caller, dto);
  }
}
