import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { Audit, Caller, CurrentCaller, Roles, IdPipe, ApiErrors } from '@app/core';
import {
  CreateInspectionPlanDto,
  InspectionPlanDrawer,
  InspectionPlanQueryService,
  InspectionPlanVerifier,
  ListInspectionPlansQueryDto,
} from '@app/supervision';
import { PageOf } from '../openapi/page-of';
import { PlanHeaderView } from '../openapi/supervision.views';

const PLAN_EXAMPLE = {
  id: 7,
  name: '2026年第三季度西湖区双随机抽查',
  region: '330106',
  seed: 'xihu-2026-q3',
  seedSource: 'caller',
  algorithm: 'crs-stratified-v2: sha256-sfc32, floyd, A down B half-up C/D up, clamped to range',
  ratios: { A: 0.05, B: 0.1, C: 0.4, D: 0.8 },
  ratioRanges: {
    A: { min: 0, max: 0.05 },
    B: { min: 0.05, max: 0.2 },
    C: { min: 0.21, max: 0.6 },
    D: { min: 0.61, max: 1 },
  },
  population: { A: 6500, B: 2500, C: 770, D: 150 },
  populationDigest: '3f1c5b0e9a7d4c2b8e6f0a1d3c5b7e9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b',
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

/** The plan's fields that say how to check it, described for the OpenAPI document. */
const PER_TIER = {
  type: 'object',
  properties: {
    A: { type: 'number' },
    B: { type: 'number' },
    C: { type: 'number' },
    D: { type: 'number' },
  },
};

const PLAN_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    region: { type: 'string' },
    algorithm: { type: 'string', description: 'the draw algorithm and its version' },
    ratios: PER_TIER,
    population: { ...PER_TIER, description: 'enterprises per tier drawn from' },
    counts: { ...PER_TIER, description: 'enterprises drawn per tier' },
    totals: {
      type: 'object',
      properties: { population: { type: 'integer' }, drawn: { type: 'integer' } },
    },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    closedAt: {
      type: 'string',
      format: 'date-time',
      nullable: true,
      description: 'when the last item got its result; null while results are outstanding',
    },
    drawn: {
      type: 'array',
      description: 'the drawn enterprises in draw order, each with its two inspectors',
      items: {
        type: 'object',
        properties: {
          position: { type: 'integer' },
          uscc: { type: 'string' },
          name: { type: 'string' },
          regionCode: { type: 'string' },
          tier: { type: 'string', enum: ['A', 'B', 'C', 'D'] },
          result: {
            type: 'string',
            enum: ['PASS', 'PROBLEM', 'NOT_FOUND'],
            nullable: true,
            description: 'the inspection result once recorded',
          },
          inspectedOn: { type: 'string', format: 'date', nullable: true },
          inspectors: {
            type: 'array',
            items: {
              type: 'object',
              properties: { id: { type: 'integer' }, name: { type: 'string' } },
            },
          },
        },
      },
    },
    seed: { type: 'string', description: 'the PRNG seed, canonical (integers as digits)' },
    seedSource: {
      type: 'string',
      enum: ['server', 'caller'],
      nullable: true,
      description:
        "'server': generated (128 random bits); 'caller': chosen in the request. " +
        'null for plans drawn before it was recorded. Every plan of a region and period is ' +
        'listed by GET /inspection-plans, so re-drawing for a preferred list shows.',
    },
    ratioRanges: {
      type: 'object',
      nullable: true,
      description:
        'the allowed range {min, max} per tier in force at the draw, which bounds each count; ' +
        'null for plans drawn before it was kept',
    },
    populationDigest: {
      type: 'string',
      nullable: true,
      pattern: '^[0-9a-f]{64}$',
      description:
        "SHA-256 (hex) of the population drawn from, as canonical text: one 'USCC,TIER\\n' " +
        'line per enterprise in registration (id) order. The population itself is kept with ' +
        'the plan, so POST /inspection-plans/:id/verify can re-run the draw. null for plans ' +
        'drawn before populations were kept.',
    },
  },
  example: PLAN_EXAMPLE,
};

const VERIFICATION_EXAMPLE = {
  planId: 7,
  match: true,
  algorithm: PLAN_EXAMPLE.algorithm,
  seed: PLAN_EXAMPLE.seed,
  seedSource: 'caller',
  populationDigest: PLAN_EXAMPLE.populationDigest,
  recomputedPopulationDigest: PLAN_EXAMPLE.populationDigest,
  population: PLAN_EXAMPLE.population,
  counts: PLAN_EXAMPLE.counts,
  drawn: 1003,
  mismatches: [],
};

const VERIFICATION_SCHEMA = {
  type: 'object',
  properties: {
    planId: { type: 'integer' },
    algorithm: { type: 'string' },
    seed: { type: 'string' },
    seedSource: { type: 'string', enum: ['server', 'caller'], nullable: true },
    match: {
      type: 'boolean',
      description:
        'true when the stored population still hashes to populationDigest, its tier sizes ' +
        'are the plan’s, the counts rule gives the plan’s counts, and the draw over it with ' +
        'the stored seed picks exactly the stored list, in order',
    },
    populationDigest: { type: 'string', description: 'the digest stored with the plan' },
    recomputedPopulationDigest: {
      type: 'string',
      description: 'SHA-256 of the stored population, computed now',
    },
    population: { ...PER_TIER, description: 'per tier, from the stored population' },
    counts: { ...PER_TIER, description: 'per tier, by the counts rule over it' },
    drawn: { type: 'integer', description: 'how many the re-run drew' },
    mismatches: {
      type: 'array',
      description:
        'each failed check: POPULATION_UNREADABLE, POPULATION_DIGEST_DIFFERS, ' +
        'POPULATION_SIZES_DIFFER, COUNTS_DIFFER, DRAWN_LIST_DIFFERS; empty when match',
      items: {
        type: 'object',
        properties: { code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
  example: VERIFICATION_EXAMPLE,
};

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('inspection-plans')
export class InspectionPlansController {
  constructor(
    private readonly drawer: InspectionPlanDrawer,
    private readonly plans: InspectionPlanQueryService,
    private readonly verifier: InspectionPlanVerifier,
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
  @ApiCreatedResponse({ schema: PLAN_SCHEMA })
  @ApiErrors(400, 401, 403, 429, {
    status: 422,
    description:
      'RATIO_OUT_OF_RANGE / RATIO_TOO_PRECISE / RATIO_NOT_A_NUMBER / UNKNOWN_TIER per tier; INSPECTOR_POOL_TOO_SMALL; INSPECTOR_SHORTAGE per enterprise; REGION_OUTSIDE_JURISDICTION',
  })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateInspectionPlanDto) {
    return this.drawer.draw(caller, dto);
  }

  @Get()
  @Roles('regulator', 'admin')
  @Audit('inspection-plan.list', (s) => s.query.region)
  @ApiOperation({
    summary: 'Plans inside the jurisdiction, newest first, without their lists',
    description:
      'Every plan of a region and period (`from`, `to` on the creation time), re-draws ' +
      'included: plans are never deleted, and each shows its `seedSource`.',
  })
  @ApiOkResponse({ type: PageOf(PlanHeaderView) })
  @ApiErrors(400, 401, 403, 429)
  list(@CurrentCaller() caller: Caller, @Query() q: ListInspectionPlansQueryDto) {
    return this.plans.list(caller, q);
  }

  @Get(':id')
  @Roles('regulator', 'admin')
  @Audit('inspection-plan.read')
  @ApiOperation({ summary: 'A plan with its drawn list; 404 outside the jurisdiction' })
  @ApiOkResponse({ schema: PLAN_SCHEMA })
  @ApiErrors(400, 401, 403, 429, 404)
  get(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    return this.plans.get(caller, id);
  }

  @Post(':id/verify')
  @Roles('regulator', 'admin')
  @Audit('inspection-plan.verify')
  @HttpCode(200)
  @ApiOperation({
    summary: '一公开: re-run the draw from what the plan kept and compare it with the stored list',
    description:
      'Re-runs the draw from the stored population, seed, ratios and ranges: `match` is true ' +
      'when the population still hashes to `populationDigest` and the draw reproduces the ' +
      'stored list; otherwise `mismatches` names each failed check. Same jurisdiction rule ' +
      'as GET (404 outside it). Covers the enterprises drawn, not the inspectors (their pool ' +
      'is not kept).',
  })
  @ApiOkResponse({ schema: VERIFICATION_SCHEMA })
  @ApiErrors(400, 401, 403, 429, 404, {
    status: 409,
    description:
      'PLAN_HAS_NO_POPULATION_SNAPSHOT: drawn before populations were kept; PLAN_ALGORITHM_NOT_REPLAYABLE: drawn by an algorithm this build cannot run',
  })
  verify(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    return this.verifier.verify(caller, id);
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
  @ApiOkResponse({ description: 'UTF-8 with BOM', schema: { type: 'string' } })
  @ApiErrors(400, 401, 403, 429, 404)
  async exportCsv(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    const { body } = await this.plans.csv(caller, id);
    return new StreamableFile(Readable.from(body), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="inspection-plan-${id}.csv"`,
    });
  }
}
