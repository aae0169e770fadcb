import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, bodyDepthLimit } from '@app/core';
import { matchedRoute, routeUnder } from './route-path';

/**
 * API responses (JSON, evidence files) get the headers OWASP's REST Security
 * Cheat Sheet lists for APIs: risk data is never stored by a browser or a
 * proxy, nothing may load or frame it, HTTPS only, no MIME sniffing. helmet's
 * other headers are for HTML documents (DNS prefetch, IE downloads, the XSS
 * auditor, Flash policies, opener and agent-cluster isolation): a JSON reader
 * ignores them, and each costs every response bytes and parsing.
 */
function apiHeaders(pageHeaders: Record<string, string>): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none';frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': pageHeaders['strict-transport-security'],
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
}

/**
 * helmet's headers for pages, taken once at boot: without a content security
 * policy (pages set their own) they are the same for every response, and running helmet's dozen middlewares per request cost
 * ~2% of a risk read's CPU.
 */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet({ contentSecurityPolicy: false })(
    {} as IncomingMessage,
    res as unknown as ServerResponse,
    () => undefined,
  );
  return headers;
}

/**
 * Security headers, body limits and CORS, from config.
 * JSON bodies are capped at BODY_LIMIT_BYTES by Fastify (createHttpAdapter,
 * 413 beyond) and refused when nested deeper than any body of the API;
 * imports (NDJSON, streamed) and evidence (multipart) keep their own limits.
 * API responses get the API set (apiHeaders); pages (OpenAPI
 * UI, queue board, console) get helmet's other headers and set their own.
 * Errors raised by Fastify itself (bad JSON, too large, unsupported media
 * type) reach ApiExceptionFilter through Nest's Fastify error handler.
 */
export function applySecurity(app: NestFastifyApplication, apiPrefix: string): void {
  const env = app.get(AppConfig).env;
  const fastify = app.getHttpAdapter().getInstance();
  const tooDeep = bodyDepthLimit();
  fastify.addHook('preValidation', (req, _reply, done) => tooDeep(req, done));
  const pageHeaders = helmetHeaders();
  const forApi = apiHeaders(pageHeaders);
  const prefix = `/${apiPrefix}`;
  fastify.addHook('onRequest', (req, reply, done) => {
    // On the matched route (see matchedRoute): a 404 is an API answer too.
    const route = matchedRoute(req);
    void reply.headers(route === undefined || routeUnder(req, prefix) ? forApi : pageHeaders);
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
