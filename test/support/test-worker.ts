import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Clock, FixedClock, QueueName } from '@app/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { applyTestEnvironment } from '../setup/test-environment';

/** Boots the real worker (BullMQ consumers on this run's Redis prefix) sharing the test's clock. */
export async function createTestWorker(clock: FixedClock): Promise<INestApplicationContext> {
  applyTestEnvironment();
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  await moduleRef.init();
  return moduleRef;
}

/** Polls until `probe` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  stepMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Waits until the worker has no job of the queue (re-scoring by default) waiting, delayed or running. */
export async function queueDrained(
  worker: INestApplicationContext,
  name: QueueName = QueueName.Rescore,
): Promise<void> {
  const queue = worker.get<Queue>(getQueueToken(name));
  await eventually(async () => {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(c).every((n) => n === 0) ? true : undefined;
  });
}
