import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { QueueName, START_RUN_JOB, StartRunJobData, workerOptions } from '@app/core';
import { ImportJobData } from './import-jobs';
import { ImportRunner } from './import-runner.service';
import { ImportRepository } from './import.repository';

/**
 * Runs spooled imports. One import at a time per worker process (the default
 * concurrency of 1): an import is a long sequential stream whose speed is the
 * database's, and several workers still run several imports side by side. A
 * retried or stalled job resumes from the import's checkpoint.
 */
@Processor(QueueName.Import, workerOptions())
export class ImportProcessor extends WorkerHost {
  private readonly logger = new Logger(ImportProcessor.name);

  constructor(
    private readonly runner: ImportRunner,
    private readonly store: ImportRepository,
    @InjectQueue(QueueName.Reclassify) private readonly reclassify: Queue<StartRunJobData>,
  ) {
    super();
  }

  async process(job: Job<ImportJobData>) {
    const view = await this.runner.run(job.data.importId, (p) => job.updateProgress({ ...p }));
    if (view.inputsChanged > 0) {
      // Re-score what the import changed with one incremental run (refused with
      // a logged 409 if one is already running; the nightly run catches up then).
      await this.reclassify.add(START_RUN_JOB, {
        mode: 'incremental',
        requestedBy: `import:${job.data.importId}`,
      });
    }
    return { lines: view.lines, accepted: view.accepted, rejected: view.rejected };
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<ImportJobData> | undefined, err: Error) {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error({ importId: job.data.importId, err: err.message }, 'import failed');
    await this.store.fail(job.data.importId, err.message);
  }
}
