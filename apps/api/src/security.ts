import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppConfig, bodyDepthLimit } from '@app/core';

/**
 * Body size limits, security headers and CORS, from config.
 * JSON and form bodies are capped at BODY_LIMIT_BYTES (413 beyond); imports
 * (NDJSON, streamed) and evidence (multipart) are not parsed here and keep
 * their own limits. The API answers JSON only, so its responses get the
 * strictest content security policy; pages (OpenAPI UI, queue board, console)
 * get helmet's other headers and set their own policy.
 */
export function applySecurity(app: INestApplication, apiPrefix: string): void {
  const env = app.get(AppConfig).env;
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: env.BODY_LIMIT_BYTES });
  express.useBodyParser('urlencoded', { limit: env.BODY_LIMIT_BYTES, extended: true });
  app.use(bodyDepthLimit());
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(
    `/${apiPrefix}`,
    helmet.contentSecurityPolicy({
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    }),
  );
  const origins = env.CORS_ORIGINS.split(',').filter(Boolean);
  if (origins.length > 0) {
    app.enableCors({
      origin: origins,
      methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  }
}
