import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { ApiErrors, Audit, Caller, CurrentCaller, IdPipe, QueueName, Roles } from '@app/core';
import {
  ApproveModelDto,
  ComputePerformanceDto,
  ModelGovernanceService,
  ModelPerformanceService,
  MODELS_PERFORMANCE_JOB,
  PerformanceJobData,
  PerformanceQueryDto,
  ProposeModelDto,
  RefuseModelDto,
  RunDriftService,
} from '@app/models';
import { RunService } from '@app/reclassification';

const RATE = {
  type: 'object',
  properties: {
    inspected: { type: 'integer' },
    problems: { type: 'integer' },
    rate: { type: 'number', nullable: true },
    low: { type: 'number', nullable: true },
    high: { type: 'number', nullable: true },
  },
};
const RATES = {
  type: 'object',
  properties: {
    byTier: { type: 'object', properties: { A: RATE, B: RATE, C: RATE, D: RATE } },
    ordered: { type: 'boolean', description: 'rates rise strictly from A to D' },
  },
};
const PERFORMANCE_SCHEMA = {
  type: 'object',
  properties: {
    modelVersion: { type: 'string' },
    region: { type: 'string', nullable: true },
    window: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
    asOf: { type: 'string', description: 'the day scores are computed as of: before the window' },
    sample: {
      type: 'object',
      properties: { enterprises: { type: 'integer' }, events: { type: 'integer' } },
    },
    discrimination: {
      type: 'object',
      properties: {
        events: { type: 'integer' },
        nonEvents: { type: 'integer' },
        auc: { type: 'number', nullable: true },
        aucLow: { type: 'number', nullable: true },
        aucHigh: { type: 'number', nullable: true },
        ks: { type: 'number', nullable: true },
        gini: { type: 'number', nullable: true },
      },
    },
    roc: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          order: { type: 'number', description: 'tier rank × (max score + 1) + score' },
          tpr: { type: 'number' },
          fpr: { type: 'number' },
        },
      },
    },
    byTier: RATES,
    drawTime: RATES,
    computedAt: { type: 'string', format: 'date-time' },
    runId: { type: 'integer', nullable: true },
  },
};
const ACTIVATION_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    version: { type: 'string' },
    status: { type: 'string', enum: ['PROPOSED', 'ACTIVE', 'RETIRED', 'REFUSED'] },
    dryRunId: { type: 'integer', nullable: true },
    attachments: {
      type: 'object',
      nullable: true,
      description:
        '{dryRun: {id, asOf, total, byTier, transitions}, performance, activePerformance}',
    },
    reason: { type: 'string', nullable: true },
    proposedBy: { type: 'string' },
    proposedAt: { type: 'string', format: 'date-time' },
    decidedBy: { type: 'string', nullable: true },
    decidedAt: { type: 'string', format: 'date-time', nullable: true },
    decisionReason: { type: 'string', nullable: true },
    activatedAt: { type: 'string', format: 'date-time', nullable: true },
  },
};

/** Models: what is shipped and active, how each performs, and four-eyes activation. */
@ApiTags('models')
@ApiBearerAuth()
@Controller('models')
export class ModelsController {
  constructor(
    private readonly governance: ModelGovernanceService,
    private readonly performance: ModelPerformanceService,
    private readonly drifts: RunDriftService,
    @InjectQueue(QueueName.Models) private readonly queue: Queue,
  ) {}

  @Get()
  @Roles('regulator', 'admin')
  @ApiOperation({
    summary: 'Shipped model versions, the active one, each one’s newest performance',
  })
  @ApiOkResponse({
    schema: {
      example: [
        {
          version: 'samr-general-v1',
          name: { zh: '市场监管企业信用风险分类通用模型（第1版）', en: 'SAMR general…' },
          hash: '9f…',
          active: true,
          performance: {
            window: { from: '2025-12-01', to: '2026-11-30' },
            region: null,
            asOf: '2025-11-30',
            sample: { enterprises: 1200, events: 180 },
            auc: 0.71,
            ks: 0.33,
            gini: 0.42,
            computedAt: '2026-12-01T18:10:00.000Z',
          },
        },
      ],
    },
  })
  @ApiErrors(401, 403, 429)
  list() {
    return this.governance.models();
  }

  @Get('drift')
  @Roles('regulator', 'admin')
  @ApiOperation({
    summary: 'The drift (PSI) of the newest completed runs, newest first (the console’s chart)',
  })
  @ApiOkResponse({
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          runId: { type: 'integer' },
          previousRunId: { type: 'integer', nullable: true },
          psi: { type: 'number', nullable: true },
          band: { type: 'string', enum: ['STABLE', 'WATCH', 'ALERT'], nullable: true },
          thresholds: { type: 'object' },
        },
      },
    },
  })
  @ApiErrors(401, 403, 429)
  drift() {
    return this.drifts.latest(30);
  }

  @Get('proposals')
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'Proposals and activations, newest first (the governance queue)' })
  @ApiOkResponse({ schema: { type: 'array', items: ACTIVATION_SCHEMA } })
  @ApiErrors(401, 403, 429)
  proposals() {
    return this.governance.proposals();
  }

  @Get(':version/performance')
  @Roles('regulator', 'admin')
  @Audit('model.performance.read', (s) => s.params.version)
  @ApiOperation({
    summary:
      'How the model sorted later inspection outcomes: AUC (95% CI), KS, Gini, ROC, rates per tier',
    description:
      'Stored by the worker (after each completed run, or POST this path). The sample: ' +
      'enterprises inspected in [from, to], event PROBLEM or NOT_FOUND, each classified as of ' +
      'the day before `from`; AUC, KS and Gini rank by tier, then score within the tier. Without from/to: the newest stored for the region. `drawTime`: ' +
      'the 问题发现率 per tier at draw time over the plans of the region inspected in the window.',
  })
  @ApiOkResponse({ schema: PERFORMANCE_SCHEMA })
  @ApiErrors(400, 401, 403, 429, 404)
  read(@Param('version') version: string, @Query() q: PerformanceQueryDto) {
    return this.performance.read(version, q);
  }

  @Post(':version/performance')
  @Roles('admin', 'regulator')
  @Audit('model.performance.compute', (s) => s.params.version)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Queue the computation of a model’s performance for a region and outcome window',
  })
  @ApiAcceptedResponse({ schema: { example: { queued: true, jobId: 'performance-…' } } })
  @ApiErrors(400, 401, 403, 429, 404)
  async compute(@Param('version') version: string, @Body() dto: ComputePerformanceDto) {
    this.performance.assertKnown(version);
    const data: PerformanceJobData = { version, ...dto };
    // Each request computes anew (new outcomes may have come in since the last).
    const jobId = `performance-${version}-${randomUUID()}`;
    await this.queue.add(MODELS_PERFORMANCE_JOB, data, { jobId });
    return {
      queued: true,
      jobId,
      read: `/api/v1/models/${version}/performance?${new URLSearchParams({ ...(dto.region ? { region: dto.region } : {}), from: dto.from, to: dto.to })}`,
    };
  }

  @Post(':version/proposals')
  @Roles('admin')
  @Audit('model.propose', (s) => s.params.version)
  @ApiOperation({
    summary:
      'Propose a model version for activation (needs a completed full dry run and its performance)',
  })
  @ApiCreatedResponse({ schema: ACTIVATION_SCHEMA })
  @ApiErrors(400, 401, 403, 429, 404, {
    status: 422,
    description:
      'DRY_RUN_NOT_FOUND, NOT_A_DRY_RUN_OF_THE_MODEL, DRY_RUN_NOT_OVER_THE_POPULATION, DRY_RUN_NOT_COMPLETED, PERFORMANCE_NOT_COMPUTED',
  })
  propose(
    @CurrentCaller() caller: Caller,
    @Param('version') version: string,
    @Body() dto: ProposeModelDto,
  ) {
    return this.governance.propose(caller, version, dto);
  }

  @Post('proposals/:id/approve')
  @Roles('admin')
  @Audit('model.approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve and activate a proposal: by an admin other than its proposer (four eyes)',
  })
  @ApiOkResponse({ schema: ACTIVATION_SCHEMA })
  @ApiErrors(400, 401, 403, 429, 404, { status: 409, description: 'not PROPOSED' })
  approve(
    @CurrentCaller() caller: Caller,
    @Param('id', IdPipe) id: number,
    @Body() dto: ApproveModelDto,
  ) {
    return this.governance.approve(caller, id, dto.reason);
  }

  @Post('proposals/:id/refuse')
  @Roles('admin')
  @Audit('model.refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a proposal, with the reason' })
  @ApiOkResponse({ schema: ACTIVATION_SCHEMA })
  @ApiErrors(400, 401, 403, 429, 404, { status: 409, description: 'not PROPOSED' })
  refuse(
    @CurrentCaller() caller: Caller,
    @Param('id', IdPipe) id: number,
    @Body() dto: RefuseModelDto,
  ) {
    return this.governance.refuse(caller, id, dto.reason);
  }
}

/** A run's drift, under the runs' path. */
@ApiTags('reclassification')
@ApiBearerAuth()
@Controller('reclassifications')
export class RunDriftController {
  constructor(
    private readonly runs: RunService,
    private readonly drift: RunDriftService,
  ) {}

  @Get(':id/drift')
  @Roles('regulator', 'admin')
  @ApiOperation({
    summary:
      'PSI of the run’s scores (and of each indicator) against the previous run of its scope',
    description:
      'Scope: mode, region, model, dry or real. Bands from config/model-monitoring.yaml: below ' +
      '0.1 STABLE, up to 0.25 WATCH, above ALERT. 404 until computed (when the run completes).',
  })
  @ApiOkResponse({
    schema: {
      example: {
        runId: 12,
        previousRunId: 11,
        psi: 0.031,
        band: 'STABLE',
        indicators: [{ code: 'D1', psi: 0.002, band: 'STABLE' }],
        bins: [{ key: '<=640', expected: 0.1, actual: 0.11, contribution: 0.001 }],
        thresholds: { watch: 0.1, alert: 0.25 },
        computedAt: '2026-12-01T18:10:00.000Z',
      },
    },
  })
  @ApiErrors(400, 401, 403, 429, 404)
  async get(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    await this.runs.get(id, caller); // 404 outside the jurisdiction
    return this.drift.read(id);
  }
}
