import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName, workerOptions } from '@app/core';
import { Lanes } from '../deliveries/delivery.repository';
import { DELIVERY_JOB_CONCURRENCY, LaneDispatcher } from './lane-dispatcher';

/** The deliveries queue's consumer: each job sends what is pending in some lanes of one subscription. */
@Processor(QueueName.Deliveries, workerOptions())
export class DeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(private readonly dispatcher: LaneDispatcher) {
    super();
  }

  onApplicationBootstrap() {
    this.worker.concurrency = DELIVERY_JOB_CONCURRENCY;
  }

  process(job: Job<Lanes>) {
    return this.dispatcher.dispatch(job.data);
  }
}
