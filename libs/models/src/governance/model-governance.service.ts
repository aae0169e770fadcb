import {
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditWriter, Caller, Clock } from '@app/core';
import { RunService } from '@app/reclassification';
import { ModelActivationRepository, ModelCatalog } from '@app/risk';
import { ModelPerformanceRepository } from '../performance/model-performance.repository';

function unmet(code: string, message: string) {
  return new UnprocessableEntityException({ message, details: [{ code, message }] });
}

/**
 * Four eyes on the active model: an admin proposes a version with a completed
 * dry run over the whole population (its transitions and the model's
 * performance are attached to the proposal), a different admin approves it,
 * and from then on runs and re-scorings use it (every process re-reads the
 * active model within two seconds). Proposals, approvals, refusals (by their
 * routes) and activations (here) are in the audit trail.
 */
@Injectable()
export class ModelGovernanceService {
  private readonly logger = new Logger(ModelGovernanceService.name);

  constructor(
    private readonly catalog: ModelCatalog,
    private readonly activations: ModelActivationRepository,
    private readonly runs: RunService,
    private readonly performance: ModelPerformanceRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** Every shipped model version, which one is active, and its newest stored performance. */
  async models() {
    const active = this.catalog.active.version;
    return Promise.all(
      this.catalog.versions().map(async (version) => {
        const m = this.catalog.get(version);
        const p = await this.performance.find(version, {});
        return {
          version,
          name: m.definition.name,
          hash: m.hash,
          active: version === active,
          performance: p && {
            window: p.window,
            region: p.region,
            asOf: p.asOf,
            sample: p.sample,
            auc: p.discrimination.auc,
            ks: p.discrimination.ks,
            gini: p.discrimination.gini,
            computedAt: p.computedAt,
          },
        };
      }),
    );
  }

  /** Proposals and activations, newest first: the governance queue and its history. */
  proposals() {
    return this.activations.list();
  }

  async propose(caller: Caller, version: string, dto: { dryRunId: number; reason?: string }) {
    const model = this.catalog.get(version);
    if (model.version === this.catalog.active.version)
      throw new ConflictException(`${version} is already the active model`);
    const run = await this.runs.get(dto.dryRunId).catch(() => {
      throw unmet('DRY_RUN_NOT_FOUND', `run ${dto.dryRunId} not found`);
    });
    if (!run.dryRun || run.modelVersion !== version)
      throw unmet('NOT_A_DRY_RUN_OF_THE_MODEL', `run ${run.id} is not a dry run of ${version}`);
    if (run.mode !== 'full' || run.region !== null)
      throw unmet(
        'DRY_RUN_NOT_OVER_THE_POPULATION',
        `run ${run.id} must be a full run over every region (it is ${run.mode}${run.region ? ` for ${run.region}` : ''})`,
      );
    if (run.status !== 'completed')
      throw unmet('DRY_RUN_NOT_COMPLETED', `dry run ${run.id} is ${run.status}, not completed`);
    const performance = await this.performance.find(version, {});
    if (!performance)
      throw unmet(
        'PERFORMANCE_NOT_COMPUTED',
        `the performance of ${version} is not computed yet (the worker computes it when the dry run completes; retry in a moment)`,
      );
    const active = await this.performance.find(this.catalog.active.version, {
      from: performance.window.from,
      to: performance.window.to,
    });
    const id = await this.activations.propose({
      version,
      dryRunId: run.id,
      attachments: {
        dryRun: {
          id: run.id,
          asOf: run.asOf,
          total: run.total,
          byTier: run.byTier,
          transitions: run.transitions,
        },
        performance,
        activePerformance: active,
      },
      reason: dto.reason ?? null,
      proposedBy: caller.sub,
      at: this.clock.now(),
    });
    return (await this.activations.find(id))!;
  }

  async approve(caller: Caller, id: number, reason?: string) {
    const at = this.clock.now();
    const p = await this.activations.transaction(async (m) => {
      const p = await this.decidable(id, m);
      if (p.proposedBy === caller.sub)
        throw new ForbiddenException(
          'four eyes: a model is approved by an admin other than the one who proposed it',
        );
      await this.activations.activate(m, id, caller.sub, reason ?? null, at);
      return p;
    });
    await this.catalog.refresh();
    this.audit.add({
      at,
      actorSub: caller.sub,
      actorRole: caller.role,
      actorRegion: caller.region ?? null,
      action: 'model.activate',
      resource: p.version,
      uscc: null,
      statusCode: 200,
      requestId: null,
      clientRequestId: null,
      ip: null,
    });
    this.logger.log(
      { version: p.version, proposal: id, approvedBy: caller.sub },
      'model activated',
    );
    return (await this.activations.find(id))!;
  }

  async refuse(caller: Caller, id: number, reason: string) {
    await this.activations.transaction(async (m) => {
      await this.decidable(id, m);
      await this.activations.refuse(m, id, caller.sub, reason, this.clock.now());
    });
    return (await this.activations.find(id))!;
  }

  private async decidable(id: number, m: Parameters<ModelActivationRepository['find']>[1]) {
    const p = await this.activations.find(id, m, true);
    if (!p) throw new NotFoundException(`model proposal ${id} not found`);
    if (p.status !== 'PROPOSED')
      throw new ConflictException(`model proposal ${id} is ${p.status}, not PROPOSED`);
    return p;
  }
}
