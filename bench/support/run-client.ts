import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { CoreModule, QueueName } from '@app/core';
import { ReclassificationModule, RunService, StartRunDto } from '@app/reclassification';

/** Starts runs through the service the API uses, without consuming any job itself. */
@Module({ imports: [CoreModule, ReclassificationModule] })
class RunClientModule {}

export type RunView = Awaited<ReturnType<RunService['get']>>;

export class RunClient {
  private constructor(
    private readonly app: INestApplicationContext,
    private readonly runs: RunService,
  ) {}

  static async open(): Promise<RunClient> {
    const app = await NestFactory.createApplicationContext(RunClientModule, { logger: ['error'] });
    return new RunClient(app, app.get(RunService));
  }

  async runToEnd(
    dto: StartRunDto,
    onProgress?: (r: RunView) => void,
  ): Promise<{ run: RunView; seconds: number }> {
    const started = Date.now();
    const { id } = await this.runs.start(dto, 'bench');
    for (;;) {
      const run = await this.runs.get(id);
      onProgress?.(run);
      if (run.status === 'completed' || run.status === 'failed')
        return { run, seconds: (Date.now() - started) / 1000 };
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /**
   * Waits until the work a completed run queues after itself (drift and
   * model performance, ~5 s at 1,000,000) is done, so the next measured run
   * does not share the machine with it.
   */
  async settle(): Promise<void> {
    const models = this.app.get<Queue>(getQueueToken(QueueName.Models));
    for (;;) {
      const c = await models.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(c).every((n) => n === 0)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
