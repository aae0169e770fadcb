import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';

/**
 * pino-http options of the API, exported for the test that checks what never
 * reaches a log line. A line says who asked what and how it went (request id,
 * method, URL, client address, status, time) and nothing else: no headers
 * (tokens, cookies), no bodies (person idHashes, amounts), and `?token=` or a
 * JWT in a URL is redacted. Lean on purpose: the line is written for every
 * request, and serialising and then redacting the headers cost more CPU than
 * the request's own query.
 */
export function httpLogOptions(): Options {
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    // Called only for a request without an id: Fastify makes them (http-adapter.ts), a bare
    // node:http server (the spec) does not.
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => req.url === '/api/v1/health' || req.url === '/metrics' },
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url === undefined ? undefined : redactUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** A proxy's X-Request-Id when it is a plain token, else a fresh UUID. */
export function requestIdOf(incoming: unknown): string {
  return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

/** A JWT's shape: base64url JSON header (`{"` is `eyJ`), payload, signature. */
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/** `?token=` however its name is percent-encoded (query parsers decode it), and any JWT in the URL. */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&])([^=&]*)=([^&]*)/g, (all, sep: string, name: string) => {
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return decoded.toLowerCase() === 'token' ? `${sep}${name}=[redacted]` : all;
    })
    .replace(JWT, '[redacted-jwt]');
}

/**
 * Structured logs with a request id on every line (taken from X-Request-Id
 * when a proxy set one, echoed back). Tokens and cookies never reach the log.
 */
@Module({
  imports: [
    LoggerModule.forRoot({
      // Buffered writes (4 KiB at a time) instead of one write(2) per line: under
      // load the per-request line cost more than the line itself. pino flushes
      // the buffer on exit.
      pinoHttp: [httpLogOptions(), pino.destination({ sync: false, minLength: 4096 })],
    }),
  ],
})
export class LoggingModule {}
