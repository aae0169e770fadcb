import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { enqueueFast, QueueName } from '@app/core';
import { Lanes } from '../deliveries/delivery.repository';

/** Lanes per job: one job signs and sends for up to this many enterprises. */
const LANES_PER_JOB = 200;

/**
 * Queues delivery jobs. A job is a hint, not the truth: the deliveries table
 * is, and a job lost with Redis is queued again by the sweep when its lease
 * runs out. Named after the subscription, so the queue board shows each
 * partner's jobs (and what each delivered) apart.
 */
@Injectable()
export class DeliveryJobs {
  constructor(@InjectQueue(QueueName.Deliveries) private readonly queue: Queue) {}

  async enqueue(lanes: Lanes[]): Promise<void> {
    const jobs = lanes.flatMap((l) => {
      const chunks: Lanes[] = [];
      for (let i = 0; i < l.enterpriseIds.length; i += LANES_PER_JOB)
        chunks.push({
          subscriptionId: l.subscriptionId,
          enterpriseIds: l.enterpriseIds.slice(i, i + LANES_PER_JOB),
        });
      return chunks.map((data) => ({
        name: `subscription-${data.subscriptionId}`,
        data,
        opts: { attempts: 3, removeOnComplete: { age: 3600, count: 2000 } },
      }));
    });
    if (jobs.length) await enqueueFast(this.queue, () => this.queue.addBulk(jobs));
  }
}
