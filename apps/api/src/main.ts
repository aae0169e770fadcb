import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@app/core';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { createHttpAdapter } from './http-adapter';
import { startupBanner } from './startup-banner';

export async function startApi(): Promise<void> {
  const { env } = AppConfig.fromEnvironment();
  const app = await configureApp(
    await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(env), {
      bufferLogs: true,
    }),
  );
  // Fastify listens on 127.0.0.1 unless told otherwise; a service listens on every interface.
  await app.listen(env.PORT, '0.0.0.0');
  app.get(Logger).log(startupBanner(app.get(AppConfig)), 'Startup');
}

if (require.main === module) {
  startApi().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
