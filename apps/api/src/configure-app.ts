import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { apiValidationPipe } from '@app/core';
import { applySecurity } from './security';
import { serveConsole } from './console/serve-console';
import { HttpMetrics } from './metrics/http-metrics';
import { UNPREFIXED_ROUTES } from './unprefixed-routes';

export const API_PREFIX = 'api/v1';

/** Everything main.ts and the e2e tests share, so tests exercise the real app. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  app.use(app.get(HttpMetrics).handler);
  applySecurity(app, API_PREFIX);
  serveConsole(app);
  app.useGlobalPipes(apiValidationPipe());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Credit risk classification service')
    .setDescription(
      'Enterprise credit risk classification (企业信用风险分类管理): registry, risk tiers A–D with explanations, ' +
        'credit repair, reclassification. Every route needs a bearer JWT unless marked otherwise.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}
