import { environmentSetting } from '../config/environment';

/** Every BullMQ queue of the service. */
export enum QueueName {
  Rescore = 'rescore',
  /** The scheduled sweep that marks credit-repair applications past their deadline. */
  RepairDeadlines = 'repair-deadlines',
  Reclassify = 'reclassify',
  /** Bulk NDJSON imports spooled by POST /imports. */
  Import = 'import',
  /** The daily sweep flagging abnormal-list listings due for the serious dishonest list. */
  Escalations = 'escalations',
  /** Model performance and drift, computed after each completed run and on demand. */
  Models = 'models',
  /** Signed deliveries of partner events to subscriptions, one job per subscription and some enterprises. */
  Deliveries = 'deliveries',
  /** The daily announcement of serious listings whose publicity period ended. */
  Publication = 'publication',
}

/**
 * The job on the reclassify queue that starts a run. The nightly scheduler
 * fires it, and so does a finished bulk import (which queues no per-enterprise
 * re-scoring: one incremental run re-scores everything it changed, faster).
 */
export const START_RUN_JOB = 'start-run';
export interface StartRunJobData {
  mode: 'full' | 'incremental';
  requestedBy: string;
}

/** On the models queue: a run completed; compute its drift and its model's performance. */
export const MODELS_RUN_COMPLETED_JOB = 'run-completed';
export interface RunCompletedJobData {
  runId: number;
}

/** Defaults for every job: retried with backoff, failures kept for operators. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/**
 * Options fixed when a processor class is declared, before the application
 * context exists, so QUEUE_LOCK_MS is read through `environmentSetting` (the
 * same validation and default as AppConfig): how long a job's lock lives, and
 * how often workers look for jobs whose worker died. `metrics` keeps
 * completed/failed totals in Redis, so the API's `/metrics` can report what
 * every worker process did (a week of per-minute points, a few KB).
 */
export function workerOptions() {
  const lockDuration = environmentSetting('QUEUE_LOCK_MS');
  return {
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 3,
    metrics: { maxDataPoints: 10_080 },
  };
}
