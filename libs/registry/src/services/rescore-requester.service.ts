import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@app/core/queue/queue-names';

export interface RescoreJob {
  uscc: string;
  trigger: string;
}

/**
 * Queues the re-scoring of an enterprise after its inputs changed.
 * The deduplication id `rescore:<uscc>` collapses a burst of writes into one
 * job; `keepLastIfActive` makes a write that lands while that job is already
 * running queue exactly one more, so no change is ever scored stale.
 */
@Injectable()
export class RescoreRequester {
  private readonly logger = new Logger(RescoreRequester.name);

  constructor(@InjectQueue(QueueName.Rescore) private readonly queue: Queue<RescoreJob>) {}

  async request(uscc: string, trigger: string): Promise<void> {
    try {
      await this.queue.add(
        'rescore',
        { uscc, trigger },
        { deduplication: { id: `rescore:${uscc}`, keepLastIfActive: true } },
      );
    } catch (err) {
      // The write is committed and inputs_changed_at moved, so the next
      // incremental run re-scores this enterprise even if the queue is down.
      this.logger.warn(
        { err, uscc },
        'could not queue re-scoring; the incremental run will catch up',
      );
    }
  }
}
