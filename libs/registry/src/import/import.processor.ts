import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName, workerOptions } from '@app/core/queue/queue-names';
import { ImportJobData } from './import-jobs';
import { ImportRunner } from './import-runner.service';
import { ImportStore } from './import-store.service';

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
    private readonly store: ImportStore,
  ) {
    super();
  }

  async process(job: Job<ImportJobData>) {
    const view = await this.runner.run(job.data.importId, (p) => job.updateProgress({ ...p }));
    return { lines: view.lines, accepted: view.accepted, rejected: view.rejected };
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<ImportJobData> | undefined, err: Error) {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error({ importId: job.data.importId, err: err.message }, 'import failed');
    await this.store.fail(job.data.importId, err.message);
  }
}
