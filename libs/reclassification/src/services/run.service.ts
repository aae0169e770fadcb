import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Queue } from 'bullmq';
import {
  Caller,
  canSeeRegion,
  Clock,
  effectiveRegion,
  isDuplicateKey,
  normalizeJurisdiction,
  Page,
  QueueName,
} from '@app/core';

import { ModelCatalog } from '@app/risk';
import { StartRunDto } from '../dto/start-run.dto';
import { planJobId, ReclassifyJob } from '../jobs';
import { runView } from './run.view';
import { RunRepository } from './run.repository';

/** Starts runs and reads them back. The work itself happens in the worker's chunk jobs. */
@Injectable()
export class RunService {
  constructor(
    private readonly runs: RunRepository,
    @InjectQueue(QueueName.Reclassify) private readonly queue: Queue,
    private readonly models: ModelCatalog,
    private readonly clock: Clock,
  ) {}

  /** 409 when a run for the same as-of date, mode and region is queued or running. */
  async start(dto: StartRunDto, requestedBy: string) {
    const model = this.models.get(dto.modelVersion);
    const asOf = dto.asOf ?? this.clock.today();
    // Normalised, so `330100` and `3301` are the same run (active key, selection).
    const region = dto.region ? normalizeJurisdiction(dto.region) : '';
    const dryRun = dto.dryRun ?? false;
    const activeKey = `${asOf}:${dto.mode}:${region}:${dryRun ? 'dry' : 'real'}`;
    let id: number;
    try {
      id = await this.runs.insert({
        mode: dto.mode,
        modelVersion: model.version,
        modelHash: model.hash,
        region,
        asOf,
        dryRun,
        activeKey,
        requestedBy,
        createdAt: this.clock.now(),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      throw new ConflictException(
        `a ${dto.mode} run as of ${asOf}${region ? ` for ${region}` : ''} is already queued or running`,
      );
    }
    await this.queue.add(ReclassifyJob.Plan, { runId: id }, { jobId: planJobId(id) });
    return this.get(id);
  }

  /**
   * A run limited to a region is visible inside that region's jurisdiction
   * only (404 elsewhere); a national run (no region) to every regulator.
   * Without a caller (the CLI, internal callers) every run is visible.
   */
  async get(id: number, caller?: Caller) {
    const run = await this.runs.find(id);
    const hidden = caller && run?.region && !canSeeRegion(caller, run.region);
    if (!run || hidden) {
      throw new NotFoundException(`reclassification run ${id} not found`);
    }
    return runView(
      run,
      run.status === 'running' ? await this.runs.doneChunkStats(id) : undefined,
      // A regulator reads the counts of its own jurisdiction.
      caller ? (effectiveRegion(caller) ?? undefined) : undefined,
    );
  }

  async list(
    caller: Caller,
    q: { page: number; pageSize: number; status?: string; dryRun?: boolean; covering?: boolean },
  ): Promise<Page<ReturnType<typeof runView>>> {
    const { page, pageSize } = q;
    const own = effectiveRegion(caller);
    if (own === null) return { items: [], page, pageSize, total: 0 };
    // National runs, and regional ones inside the caller's jurisdiction (as in get).
    const { rows, total } = await this.runs.page(
      { within: own, covering: q.covering, status: q.status, dryRun: q.dryRun },
      page,
      pageSize,
    );
    return {
      items: rows.map((r) => runView(r, undefined, own)),
      page,
      pageSize,
      total,
    };
  }
}
