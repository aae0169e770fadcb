import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';

/**
 * pino-http options of the API, exported for the test that checks what never
 * reaches a log line: tokens (Authorization, cookies, `?token=`) and bodies
 * (person idHashes, amounts) are not logged at all.
 */
export function httpLogOptions(): Options {
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["proxy-authorization"]',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
      ],
      remove: true,
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => req.url === '/api/v1/health' || req.url === '/metrics' },
    serializers: {
      // The queue board takes `?token=<jwt>` once (BoardAccessMiddleware): never log it.
      req: (req: { url?: string; query?: Record<string, unknown> }) => {
        if (req.url) req.url = redactUrl(req.url);
        if (req.query?.token) req.query = { ...req.query, token: '[redacted]' };
        return req;
      },
    },
  };
}

/** A JWT's shape: base64url JSON header (`{"` is `eyJ`), payload, signature. */
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/** `?token=` however its name is percent-encoded (Express decodes it), and any JWT in the URL. */
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
