import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { enqueueFast, QueueName } from '@app/core';
import { RescoreOutboxRepository } from './rescore-outbox.repository';

export interface RescoreJob {
  uscc: string;
  trigger: string;
}

/**
 * Queues the re-scoring of an enterprise after its inputs changed (after the
 * commit, so the worker never reads the data before the change).
 * The deduplication id `rescore:<uscc>` collapses a burst of writes into one
 * job; `keepLastIfActive` makes a write that lands while that job is already
 * running queue exactly one more, so no change is ever scored stale.
 * When Redis is unreachable the request fails fast and goes to the MySQL
 * outbox instead, from which RescoreOutboxRelay queues it once Redis is back.
 */
@Injectable()
export class RescoreRequester {
  private readonly logger = new Logger(RescoreRequester.name);

  constructor(
    @InjectQueue(QueueName.Rescore) private readonly queue: Queue<RescoreJob>,
    private readonly outbox: RescoreOutboxRepository,
  ) {}

  async request(uscc: string, trigger: string): Promise<void> {
    try {
      await this.enqueue(uscc, trigger);
    } catch (err) {
      try {
        await this.outbox.save(uscc, trigger);
        this.logger.warn(
          { uscc, reason: (err as Error).message },
          'could not queue re-scoring: kept in the outbox until Redis is back',
        );
      } catch (outboxErr) {
        // Both stores down right after our commit: inputs_changed_at moved in
        // that commit, so the next incremental run still re-scores it.
        this.logger.error(
          { uscc, err: outboxErr },
          'could not queue nor outbox re-scoring; the incremental run will catch up',
        );
      }
    }
  }

  /** Queues the job or throws, fast, when Redis is unreachable. */
  async enqueue(uscc: string, trigger: string): Promise<void> {
    await enqueueFast(this.queue, () =>
      this.queue.add(
        'rescore',
        { uscc, trigger },
        { deduplication: { id: `rescore:${uscc}`, keepLastIfActive: true } },
      ),
    );
  }
}
