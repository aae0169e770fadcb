import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { PartnerEventFeed } from '@app/registry';
import { DeliveryRepository, Lanes, PendingDelivery } from '../deliveries/delivery.repository';
import { retryDelayMs } from '../domain/backoff';
import { SubscriptionRepository } from '../subscriptions/subscription.repository';
import { WebhookSender } from './webhook-sender';

/** Deliveries loaded per round; a job goes on with the lanes that had more. */
const ROUND = 1000;
/** Delivery jobs one worker runs at once (each sends to several lanes at once). */
export const DELIVERY_JOB_CONCURRENCY = 4;

export interface DispatchOutcome {
  subscriptionId: number;
  delivered: number;
  failed: number;
  dead: number;
  skipped?: 'gone' | 'paused' | 'circuit-open';
}

/**
 * Sends what is pending in some lanes of one subscription. Within a lane,
 * events go one after the other in event order and a failure stops the lane
 * (it waits out its back-off, so nothing overtakes it); lanes go side by side.
 * Delivered means the partner answered 2xx: marked after the answer, so a
 * worker dying in between sends again (at least once; the event id is the
 * partner's idempotency key).
 */
@Injectable()
export class LaneDispatcher {
  private readonly logger = new Logger(LaneDispatcher.name);
  /**
   * Lanes this process is sending now. A second job for one of them (the
   * relay's, for events just relayed; the sweep's, after a lease ran out)
   * leaves it to the first, and flags it so the first looks at it once more.
   */
  private readonly busy = new Map<string, boolean>();

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly feed: PartnerEventFeed,
    private readonly sender: WebhookSender,
    private readonly config: AppConfig,
  ) {}

  async dispatch(lanes: Lanes): Promise<DispatchOutcome> {
    const id = lanes.subscriptionId;
    const outcome: DispatchOutcome = { subscriptionId: id, delivered: 0, failed: 0, dead: 0 };
    const keys = await this.subscriptions.signingKeys(id);
    if (!keys) return { ...outcome, skipped: 'gone' };
    if (keys.status === 'PAUSED') {
      await this.deliveries.holdSubscription(id, null);
      return { ...outcome, skipped: 'paused' };
    }
    if (keys.breakerOpenUntil) {
      await this.deliveries.holdSubscription(id, keys.breakerOpenUntil);
      return { ...outcome, skipped: 'circuit-open' };
    }
    const env = this.config.env;
    const mine: number[] = [];
    for (const e of lanes.enterpriseIds) {
      const key = `${id}:${e}`;
      if (this.busy.has(key)) this.busy.set(key, true);
      else {
        this.busy.set(key, false);
        mine.push(e);
      }
    }
    try {
      await this.send(id, mine, keys, outcome);
    } finally {
      mine.forEach((e) => this.busy.delete(`${id}:${e}`));
    }
    const opened = await this.subscriptions.recordOutcome(
      id,
      outcome.delivered,
      outcome.failed,
      env.DELIVERY_BREAKER_FAILURES,
      env.DELIVERY_BREAKER_OPEN_MS,
    );
    if (opened) {
      await this.deliveries.holdSubscription(id, opened);
      this.logger.warn({ subscription: id, until: opened }, 'partner failing: circuit opened');
    }
    return outcome;
  }

  private async send(
    id: number,
    enterpriseIds: number[],
    keys: { url: string; secrets: string[] },
    outcome: DispatchOutcome,
  ): Promise<void> {
    const env = this.config.env;
    const inFlight = Math.max(1, Math.ceil(env.DELIVERY_CONCURRENCY / DELIVERY_JOB_CONCURRENCY));
    let current = enterpriseIds;
    while (current.length) {
      const pending = await this.deliveries.pending(
        { subscriptionId: id, enterpriseIds: current },
        ROUND,
      );
      if (pending.length === 0) break;
      const byLane = groupByLane(pending);
      const bodies = await this.feed.bodies(pending.map((d) => d.eventSeq));
      const delivered: number[] = [];
      const finished: number[] = [];
      // Many failures and no success: the partner is down; stop trying its other lanes.
      const tripped = () =>
        outcome.delivered + delivered.length === 0 &&
        outcome.failed >= env.DELIVERY_BREAKER_FAILURES;

      const sendLane = async (lane: PendingDelivery[]) => {
        const head = lane[0];
        if (!head.ready) {
          await this.deliveries.holdLane(id, head.enterpriseId, head.nextAttemptAt);
          return;
        }
        for (const d of lane) {
          if (tripped()) return;
          const event = bodies.get(d.eventSeq)!;
          const r = await this.sender.send(keys.url, keys.secrets, event.eventId, event.body);
          if (r.ok) {
            delivered.push(d.id);
            continue;
          }
          outcome.failed++;
          const attempt = d.attempts + 1;
          const failure = { id: d.id, subscriptionId: id, enterpriseId: d.enterpriseId };
          if (attempt >= env.DELIVERY_MAX_ATTEMPTS) {
            // The last attempt: to the dead-letter list, and the lane goes on.
            await this.deliveries.failed(failure, r.error, null);
            outcome.dead++;
            this.logger.warn(
              { subscription: id, eventId: event.eventId, error: r.error },
              'delivery dead-lettered',
            );
            continue;
          }
          const wait = retryDelayMs(attempt, env.DELIVERY_RETRY_BASE_MS, env.DELIVERY_RETRY_MAX_MS);
          await this.deliveries.failed(failure, r.error, wait);
          return;
        }
        finished.push(head.enterpriseId);
      };

      await inParallel([...byLane.values()], inFlight, sendLane);
      outcome.delivered += await this.deliveries.delivered(delivered);
      if (tripped()) break;
      // Again: lanes cut off by the round's limit, and lanes another job asked for meanwhile.
      const full = pending.length >= ROUND;
      current = finished.filter((e) => {
        const asked = this.busy.get(`${id}:${e}`) === true;
        this.busy.set(`${id}:${e}`, false);
        return full || asked;
      });
    }
  }
}

function groupByLane(pending: PendingDelivery[]): Map<number, PendingDelivery[]> {
  const lanes = new Map<number, PendingDelivery[]>();
  for (const d of pending) {
    const lane = lanes.get(d.enterpriseId) ?? [];
    lane.push(d);
    lanes.set(d.enterpriseId, lane);
  }
  return lanes;
}

async function inParallel<T>(items: T[], width: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const runners = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await run(items[next++]);
  });
  await Promise.all(runners);
}
