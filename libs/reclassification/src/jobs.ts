import { START_RUN_JOB } from '@app/core';

/** Jobs of the `reclassify` queue. */
export enum ReclassifyJob {
  /** Split a run into chunk jobs. */
  Plan = 'plan',
  /** Score one primary-key range of a run. */
  Chunk = 'chunk',
  /** Start a run: fired by the nightly scheduler and after bulk imports. */
  Start = START_RUN_JOB,
}

export interface PlanJobData {
  runId: number;
}
export interface ChunkJobData {
  runId: number;
  chunkNo: number;
}
export type { StartRunJobData } from '@app/core';

export const NIGHTLY_SCHEDULER_ID = 'nightly-reclassification';

/** Deterministic ids: re-planning a run after a crash adds no duplicate chunk job. */
export const chunkJobId = (runId: number, chunkNo: number) => `run-${runId}-chunk-${chunkNo}`;
export const planJobId = (runId: number) => `run-${runId}-plan`;
