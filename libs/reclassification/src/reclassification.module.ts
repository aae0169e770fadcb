import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { RiskModule } from '@app/risk';
import { ChunkRunner } from './services/chunk-runner.service';
import { RunFinisher } from './services/run-finisher.service';
import { RunPlanner } from './services/run-planner.service';
import { RunService } from './services/run.service';
import { RunRepository } from './services/run.repository';

/** Runs: the API side (start, read) and the worker side (plan, chunks). */
@Module({
  imports: [RegistryModule, RiskModule],
  providers: [RunService, RunPlanner, ChunkRunner, RunFinisher, RunRepository],
  exports: [RunService, RunPlanner, ChunkRunner, RunFinisher, RunRepository],
})
export class ReclassificationModule {}
