import { getHeapStatistics } from 'node:v8';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/core';
import { QuietRoutesLogger } from '../../api/src/logging/quiet-routes.logger';
import { WorkerModule } from './worker.module';

export async function startWorker(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(new QuietRoutesLogger(logger));
  // SIGTERM: BullMQ workers close gracefully, finishing the jobs in hand.
  app.enableShutdownHooks();
  await app.init();
  const config = app.get(AppConfig);
  logger.log(
    `worker ready: redis prefix '${config.env.REDIS_PREFIX}', concurrency ${config.env.WORKER_CONCURRENCY}, ` +
      `heap limit ${Math.round(getHeapStatistics().heap_size_limit / 1024 ** 2)} MB`,
    'Worker',
  );
  return app;
}

if (require.main === module) {
  startWorker().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
