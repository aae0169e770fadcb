import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { DeliveryRepository } from './deliveries/delivery.repository';
import { DeliveryJobs } from './dispatch/delivery-jobs';
import { DeliveryProcessor } from './dispatch/delivery.processor';
import { LaneDispatcher } from './dispatch/lane-dispatcher';
import { DeliveryPump } from './relay/delivery-pump';
import { WebhookSender } from './dispatch/webhook-sender';
import { SubscriptionRepository } from './subscriptions/subscription.repository';
import { SubscriptionService } from './subscriptions/subscription.service';

const services = [
  SubscriptionRepository,
  SubscriptionService,
  DeliveryRepository,
  DeliveryJobs,
  WebhookSender,
  LaneDispatcher,
];

/**
 * Partner departments' subscriptions and the delivery of partner events to
 * them (docs/events.md). Workers import DeliveryWorkerModule as well.
 */
@Module({
  imports: [RegistryModule],
  providers: services,
  exports: services,
})
export class DeliveryModule {}

/** What only workers run: the relay and sweep (DeliveryPump) and the queue's consumer. */
@Module({
  imports: [DeliveryModule, RegistryModule],
  providers: [DeliveryPump, DeliveryProcessor],
})
export class DeliveryWorkerModule {}
