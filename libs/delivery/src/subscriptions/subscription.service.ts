import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, Clock } from '@app/core';
import { PartnerEventFeed } from '@app/registry';
import { DeadLetter, DeliveryRepository } from '../deliveries/delivery.repository';
import { endpointProblem } from '../domain/endpoint-url';
import { newSigningSecret } from '../domain/signing-secret';
import { subscriptionWants } from '../domain/subscription-match';
import { CreateSubscriptionDto } from '../dto/subscription.dto';
import { Subscription, SubscriptionRepository } from './subscription.repository';

/** After a rotation the old secret still signs (a second signature) this long. */
export const ROTATION_GRACE_MS = 24 * 3600 * 1000;
const REPLAY_PAGE = 1000;

export interface SubscriptionView extends Subscription {
  pending: number;
  dead: number;
  delivered: number;
  failedAttempts: number;
  lagSeconds: number;
}

/** A date alone is midnight in China (UTC+8), where the events happen. */
export function replayStart(from: string): Date {
  return new Date(from.length === 10 ? `${from}T00:00:00+08:00` : from);
}

/** Partner departments' subscriptions (admin): create, pause, resume, rotate, delete, replay. */
@Injectable()
export class SubscriptionService {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly feed: PartnerEventFeed,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The secret is in this answer only; it is never shown again (rotate for a new one). */
  async create(
    caller: Caller,
    dto: CreateSubscriptionDto,
  ): Promise<SubscriptionView & { secret: string }> {
    const problem = endpointProblem(dto.url);
    if (problem)
      throw new BadRequestException({
        message: `invalid request: ${problem}`,
        details: [{ field: 'url', message: problem }],
      });
    const secret = newSigningSecret();
    const id = await this.subscriptions.create({
      url: dto.url,
      events: dto.events ? [...new Set(dto.events)] : null,
      regions: dto.regions ? [...new Set(dto.regions)] : null,
      secret,
      createdBy: caller.sub,
      createdAt: this.clock.now(),
    });
    return { ...(await this.get(id)), secret };
  }

  async list(): Promise<SubscriptionView[]> {
    const [subs, stats] = await Promise.all([
      this.subscriptions.list(),
      this.subscriptions.stats(),
    ]);
    const byId = new Map(stats.map((s) => [s.id, s]));
    return subs.map((s) => view(s, byId.get(s.id)));
  }

  async get(id: number): Promise<SubscriptionView> {
    const [sub, [stats]] = await Promise.all([this.existing(id), this.subscriptions.stats(id)]);
    return view(sub, stats);
  }

  private async existing(id: number): Promise<Subscription> {
    const found = await this.subscriptions.find(id);
    if (!found) throw new NotFoundException(`subscription ${id} not found`);
    return found;
  }

  /** Nothing is sent while paused; events still accumulate, and go out in order on resume. */
  async pause(id: number): Promise<SubscriptionView> {
    await this.existing(id);
    await this.db.transaction(async (m) => {
      await this.subscriptions.setStatus(m, id, 'PAUSED');
      await this.deliveries.holdSubscription(id, null, m);
    });
    return this.get(id);
  }

  async resume(id: number): Promise<SubscriptionView> {
    await this.existing(id);
    await this.db.transaction(async (m) => {
      await this.subscriptions.setStatus(m, id, 'ACTIVE');
      await this.deliveries.release(m, id);
    });
    return this.get(id);
  }

  /** A new secret; for 24 hours deliveries carry a signature with the old one too. */
  async rotate(id: number): Promise<{ id: number; secret: string; previousValidUntil: Date }> {
    await this.existing(id);
    const secret = newSigningSecret();
    await this.subscriptions.rotate(id, secret, ROTATION_GRACE_MS);
    return { id, secret, previousValidUntil: new Date(Date.now() + ROTATION_GRACE_MS) };
  }

  async remove(id: number): Promise<void> {
    await this.existing(id);
    await this.subscriptions.remove(id);
  }

  /**
   * Sends again every event the subscription wants that occurred at or after
   * `from`, delivered or not, in order per enterprise, from the first attempt.
   */
  async replay(id: number, from: string): Promise<{ id: number; from: string; replayed: number }> {
    const sub = await this.existing(id);
    const start = replayStart(from);
    let after = 0;
    let replayed = 0;
    for (;;) {
      const events = await this.feed.since(start, after, REPLAY_PAGE);
      if (events.length === 0) break;
      const wanted = events.filter((e) => subscriptionWants(sub, e));
      // Due at once (the sweep queues them), or held while paused.
      await this.db.transaction((m) =>
        this.deliveries.plan(m, id, wanted, sub.status === 'PAUSED' ? null : 0, true),
      );
      replayed += wanted.length;
      after = events[events.length - 1].seq;
    }
    return { id, from: start.toISOString(), replayed };
  }

  async deadLetters(
    id: number,
    limit = 100,
  ): Promise<(DeadLetter & { eventId: string | null; type: string | null })[]> {
    await this.existing(id);
    const dead = await this.deliveries.deadLetters(id, limit);
    const bodies = await this.feed.bodies(dead.map((d) => d.eventSeq));
    return dead.map((d) => {
      const b = bodies.get(d.eventSeq);
      return { ...d, eventId: b?.eventId ?? null, type: b ? JSON.parse(b.body).type : null };
    });
  }
}

function view(
  s: Subscription,
  stats?: {
    pending: number;
    dead: number;
    delivered: number;
    failedAttempts: number;
    lagSeconds: number;
  },
): SubscriptionView {
  return {
    ...s,
    pending: stats?.pending ?? 0,
    dead: stats?.dead ?? 0,
    delivered: stats?.delivered ?? 0,
    failedAttempts: stats?.failedAttempts ?? 0,
    lagSeconds: stats?.lagSeconds ?? 0,
  };
}
