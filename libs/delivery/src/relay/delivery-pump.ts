import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { PartnerEventFeed } from '@app/registry';
import { DeliveryRepository, Lanes } from '../deliveries/delivery.repository';
import { DeliveryJobs } from '../dispatch/delivery-jobs';
import { subscriptionWants } from '../domain/subscription-match';
import { SubscriptionRepository } from '../subscriptions/subscription.repository';

const RELAY_BATCH = 500;
const SWEEP_BATCH = 2000;

/**
 * In every worker, every DELIVERY_POLL_MS: relays new outbox events into
 * deliveries (one transaction with marking them relayed) and queues their
 * jobs; then sweeps for lanes whose lease, back-off or open circuit ran out
 * and queues them again. Redis down: the events stay relayed in MySQL and
 * their lease brings them back to the sweep.
 */
@Injectable()
export class DeliveryPump implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryPump.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly feed: PartnerEventFeed,
    private readonly subscriptions: SubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly jobs: DeliveryJobs,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.env.DELIVERY_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  tick(): Promise<void> {
    this.running ??= this.relay()
      .then(() => this.sweep())
      .catch((e: Error) => this.logger.warn({ err: e.message }, 'delivery pump: will try again'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async relay(): Promise<void> {
    const lease = this.config.env.DELIVERY_LEASE_MS;
    for (;;) {
      const queued: Lanes[] = [];
      const events = await this.feed.relay(RELAY_BATCH, async (events, m) => {
        for (const s of await this.subscriptions.all(m)) {
          const wanted = events.filter((e) => subscriptionWants(s, e));
          if (wanted.length === 0) continue;
          const openMs = s.breakerOpenUntil ? s.breakerOpenUntil.getTime() - Date.now() : 0;
          const hold = s.status === 'PAUSED' ? null : openMs > 0 ? openMs : lease;
          await this.deliveries.plan(m, s.id, wanted, hold);
          if (hold === lease)
            queued.push({
              subscriptionId: s.id,
              enterpriseIds: [...new Set(wanted.map((e) => e.enterpriseId))],
            });
        }
      });
      // After the commit: a job must not look for deliveries before they exist.
      if (queued.length) await this.jobs.enqueue(queued);
      if (events.length < RELAY_BATCH) return;
    }
  }

  private async sweep(): Promise<void> {
    const lanes = await this.deliveries.claimDue(SWEEP_BATCH, this.config.env.DELIVERY_LEASE_MS);
    if (lanes.length === 0) return;
    await this.jobs.enqueue(lanes);
    const n = lanes.reduce((a, l) => a + l.enterpriseIds.length, 0);
    this.logger.log({ lanes: n }, 'delivery sweep: lanes queued again');
  }
}
