import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, bodyDepthLimit } from '@app/core';

/** The API answers JSON only: nothing may load or frame it. */
const API_CSP = "default-src 'none';frame-ancestors 'none'";

/**
 * Security headers, body limits and CORS, from config.
 * JSON bodies are capped at BODY_LIMIT_BYTES by Fastify (createHttpAdapter,
 * 413 beyond) and refused when nested deeper than any body of the API;
 * imports (NDJSON, streamed) and evidence (multipart) keep their own limits.
 * API responses get the strictest content security policy; pages (OpenAPI
 * UI, queue board, console) get helmet's other headers and set their own.
 * Errors raised by Fastify itself (bad JSON, too large, unsupported media
 * type) reach ApiExceptionFilter through Nest's Fastify error handler.
 */
export async function applySecurity(app: NestFastifyApplication, apiPrefix: string): Promise<void> {
  const env = app.get(AppConfig).env;
  const fastify = app.getHttpAdapter().getInstance();
  const tooDeep = bodyDepthLimit();
  fastify.addHook('preValidation', (req, _reply, done) => tooDeep(req, done));
  await app.register(helmet, { contentSecurityPolicy: false, global: true });
  const prefix = `/${apiPrefix}`;
  fastify.addHook('onRequest', (req, reply, done) => {
    if (req.url.startsWith(prefix)) reply.header('content-security-policy', API_CSP);
    done();
  });
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
