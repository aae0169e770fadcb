import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import { Logger } from 'nestjs-pino';
import { apiValidationPipe, AppConfig, AuditGuard, AuditWriter } from '@app/core';
import { EmbeddedProvider, mountEmbeddedProvider, SignInPage } from '@app/identity';
import { applySecurity } from './security';
import { serveConsole } from './console/serve-console';
import { API_LOGGER } from './logging/logging.module';
import { QuietRoutesLogger } from './logging/quiet-routes.logger';
import { registerRequestLog } from './logging/request-log';
import { HttpMetrics } from './metrics/http-metrics';
import { BoardAccess } from './queue-board/board-access';
import { NDJSON_TYPES } from './registry/ndjson';
import { UNPREFIXED_ROUTES } from './unprefixed-routes';

export const API_PREFIX = 'api/v1';

/** Everything main.ts and the e2e tests share, so tests exercise the real app. */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const config = app.get(AppConfig);
  app.useLogger(new QuietRoutesLogger(app.get(Logger)));
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLog(fastify, app.get(API_LOGGER));
  app.get(HttpMetrics).register(fastify);
  AuditGuard.register(fastify, app.get(AuditWriter));
  applySecurity(app, API_PREFIX);
  app.get(BoardAccess).register(fastify);
  const idp = app.get(EmbeddedProvider);
  if (idp) await mountEmbeddedProvider(fastify, idp, app.get(SignInPage));
  // Evidence uploads: read by the evidence controller with its own limits.
  await app.register(multipart);
  // Imports stream their body to the spool file: Fastify must not read it first.
  fastify.addContentTypeParser(NDJSON_TYPES, (_req, _payload, done) => done(null, undefined));
  await serveConsole(app);
  app.useGlobalPipes(apiValidationPipe());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Credit risk classification service')
    .setDescription(
      'Enterprise credit risk classification (企业信用风险分类管理): registry, risk tiers A–D with explanations, ' +
        'credit repair, reclassification. Every route needs a bearer JWT unless marked otherwise.',
    )
    .setVersion('1')
    .addServer(
      // Unset, the origin serving this document: every path below carries its own prefix.
      config.env.PUBLIC_URL ?? '/',
      config.env.PUBLIC_URL ? 'this deployment (PUBLIC_URL)' : 'the origin serving this document',
    )
    .addBearerAuth()
    .build();
  // Not open source: a name and no URL (DocumentBuilder.setLicense wants one).
  doc.info.license = { name: 'Proprietary: for the market regulators it is deployed for' };
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}
