import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

/**
 * Structured logs with a request id on every line (taken from X-Request-Id
 * when a proxy set one, echoed back). Tokens and cookies never reach the log.
 */
@Module({
  imports: [
    LoggerModule.forRoot({
      pinoHttp: {
        level: process.env.LOG_LEVEL ?? 'info',
        genReqId: (req, res) => {
          const incoming = req.headers['x-request-id'];
          const id =
            typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming)
              ? incoming
              : randomUUID();
          res.setHeader('X-Request-Id', id);
          return id;
        },
        redact: {
          paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          remove: true,
        },
        customLogLevel: (_req, res, err) =>
          err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        autoLogging: { ignore: (req) => req.url === '/api/v1/health' || req.url === '/metrics' },
        serializers: {
          // The queue board takes `?token=<jwt>` once (BoardAccessMiddleware): never log it.
          req: (req: { url?: string; query?: Record<string, unknown> }) => {
            if (req.url) req.url = req.url.replace(/([?&]token=)[^&]*/g, '$1[redacted]');
            if (req.query?.token) req.query = { ...req.query, token: '[redacted]' };
            return req;
          },
        },
      },
    }),
  ],
})
export class LoggingModule {}
