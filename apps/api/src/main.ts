import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@app/core';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

export async function startApi(): Promise<void> {
  const app = configureApp(
    await NestFactory.create(AppModule, { bufferLogs: true, bodyParser: true }),
  );
  const config = app.get(AppConfig);
  await app.listen(config.env.PORT);
}

if (require.main === module) {
  startApi().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
