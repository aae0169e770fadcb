import { Body, Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { Audit, Caller, CurrentCaller, Roles, IdPipe } from '@app/core';
import {
  CreateInspectionPlanDto,
  InspectionPlanDrawer,
  InspectionPlanQueryService,
  RegionPageQueryDto,
} from '@app/supervision';

const PLAN_EXAMPLE = {
  id: 7,
  name: '2026年第三季度西湖区双随机抽查',
  region: '330106',
  seed: 'xihu-2026-q3',
  algorithm: 'crs-stratified-v2: sha256-sfc32, floyd, A down B half-up C/D up, clamped to range',
  ratios: { A: 0.05, B: 0.1, C: 0.4, D: 0.8 },
  population: { A: 6500, B: 2500, C: 770, D: 150 },
  counts: { A: 325, B: 250, C: 308, D: 120 },
  totals: { population: 9920, drawn: 1003 },
  createdBy: 'regulator-xihu-01',
  createdAt: '2026-06-15T02:00:00.000Z',
  drawn: [
    {
      position: 1,
      uscc: '91330106MA2B3C4D5E',
      name: '杭州西湖明辉贸易有限公司',
      regionCode: '330106',
      tier: 'C',
      inspectors: [
        { id: 3, name: '王建国' },
        { id: 8, name: '李敏' },
      ],
    },
  ],
};

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('inspection-plans')
export class InspectionPlansController {
  constructor(
    private readonly drawer: InspectionPlanDrawer,
    private readonly plans: InspectionPlanQueryService,
  ) {}

  @Post()
  @Roles('regulator')
  @Audit('inspection-plan.create')
  @ApiOperation({
    summary: '双随机: draw an inspection plan stratified by tier, with two inspectors each',
    description:
      "Draws from the caller's jurisdiction (narrowed by `region`), REVOKED and CANCELLED " +
      'enterprises excluded, at the configured ratios or the given ones. Counts stay inside ' +
      "each tier's range: A rounds down, B half up, C and D up (a stratum of one is drawn). " +
      'The seed is stored and returned: ' +
      'the same seed over the same population draws the same list and inspectors. Immutable.',
  })
  @ApiCreatedResponse({ schema: { example: PLAN_EXAMPLE } })
  @ApiUnprocessableEntityResponse({
    description:
      'RATIO_OUT_OF_RANGE / RATIO_TOO_PRECISE / RATIO_NOT_A_NUMBER / UNKNOWN_TIER per tier; ' +
      'INSPECTOR_POOL_TOO_SMALL; INSPECTOR_SHORTAGE per enterprise; REGION_OUTSIDE_JURISDICTION',
    schema: {
      example: {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'ratio 0.5 for tier A is outside the allowed range 0–0.05',
        details: [{ code: 'RATIO_OUT_OF_RANGE', tier: 'A', value: 0.5, min: 0, max: 0.05 }],
      },
    },
  })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateInspectionPlanDto) {
    return this.drawer.draw(caller, dto);
  }

  @Get()
  @Roles('regulator', 'admin')
  @Audit('inspection-plan.list', (s) => s.query.region)
  @ApiOperation({ summary: 'Plans inside the jurisdiction, newest first, without their lists' })
  list(@CurrentCaller() caller: Caller, @Query() q: RegionPageQueryDto) {
    return this.plans.list(caller, q);
  }

  @Get(':id')
  @Roles('regulator', 'admin')
  @Audit('inspection-plan.read')
  @ApiOperation({ summary: 'A plan with its drawn list; 404 outside the jurisdiction' })
  @ApiCreatedResponse({ schema: { example: PLAN_EXAMPLE } })
  get(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    return this.plans.get(caller, id);
  }

  @Get(':id/export.csv')
  @Roles('regulator', 'admin')
  @Audit('inspection-plan.export')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The drawn list as CSV for the inspection teams (UTF-8 with BOM, for Excel)',
    description:
      'Columns: position, uscc, name, regionCode, tier, inspector1Id, inspector1Name, ' +
      'inspector2Id, inspector2Name. Streamed; 404 outside the jurisdiction.',
  })
  async exportCsv(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    const { body } = await this.plans.csv(caller, id);
    return new StreamableFile(Readable.from(body), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="inspection-plan-${id}.csv"`,
    });
  }
}
