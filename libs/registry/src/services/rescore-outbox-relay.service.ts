import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { RescoreOutboxRepository } from './rescore-outbox.repository';
import { RescoreRequester } from './rescore-requester.service';

const BATCH = 500;

/**
 * Moves outboxed re-scorings to the queue every RESCORE_OUTBOX_RELAY_MS, in
 * every process that has the registry (API and workers): whichever reaches
 * Redis first relays them. Several relaying the same row at once is harmless,
 * the job's deduplication id collapses them; a row is deleted only after its
 * job was queued.
 */
@Injectable()
export class RescoreOutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RescoreOutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;

  constructor(
    private readonly outbox: RescoreOutboxRepository,
    private readonly requester: RescoreRequester,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.relay(), this.config.env.RESCORE_OUTBOX_RELAY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Queues what it can; returns how many were relayed. */
  relay(): Promise<number> {
    this.running ??= this.drain()
      .catch(() => 0) // MySQL or Redis down: the next tick tries again
      .finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<number> {
    let relayed = 0;
    for (;;) {
      const rows = await this.outbox.oldest(BATCH);
      if (rows.length === 0) return relayed;
      const done: number[] = [];
      try {
        for (const r of rows) {
          await this.requester.enqueue(r.uscc, r.trigger);
          done.push(r.id);
        }
      } finally {
        await this.outbox.remove(done);
        relayed += done.length;
        if (done.length) this.logger.log(`queued ${done.length} outboxed re-scoring(s)`);
      }
      if (rows.length < BATCH) return relayed;
    }
  }
}
