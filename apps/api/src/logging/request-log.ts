import { clientRequestIdOf } from '@app/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** Polled by probes and scrapers: a line each would bury the requests people make. */
const UNLOGGED = new Set(['/api/v1/health', '/metrics']);

/**
 * One line per request once it is answered: who asked what and how it went
 * (request id, method, URL, client address, status, time) and nothing else:
 * no headers (tokens, cookies), no bodies (person idHashes, amounts), and
 * `?token=` or a JWT in a URL is redacted.
 *
 * Written from Fastify hooks rather than by pino-http as Nest middleware: the
 * middleware binds each request's logger in an AsyncLocalStorage, and on
 * Node 20 that turns on a promise hook for every promise of the process,
 * ~120 µs of CPU per risk read in an A/B of two builds (docs/performance.md). The price:
 * what a service logs while handling a request does not carry the request id
 * by itself; the error filter adds it to the lines it writes.
 */
export function registerRequestLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    if (!UNLOGGED.has(req.url)) {
      const status = reply.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      logger[level](lineOf(req, reply), status >= 500 ? 'request errored' : 'request completed');
    }
    done();
  });
  fastify.addHook('onRequestAbort', (req, done) => {
    logger.warn(lineOf(req), 'request aborted by the client');
    done();
  });
}

function lineOf(req: FastifyRequest, reply?: FastifyReply) {
  return {
    req: {
      id: req.id,
      // the client's or proxy's own X-Request-Id, when it sent one: theirs, not ours
      clientRequestId: clientRequestIdOf(req.headers['x-request-id']) ?? undefined,
      method: req.method,
      url: redactUrl(req.url),
      remoteAddress: req.ip,
    },
    ...(reply && {
      res: { statusCode: reply.statusCode },
      responseTime: Math.round(reply.elapsedTime),
    }),
  };
}

/** A JWT's shape: base64url JSON header (`{"` is `eyJ`), payload, signature. */
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/** `?token=` however its name is percent-encoded (query parsers decode it), and any JWT in the URL. */
export function redactUrl(url: string): string {
  if (!url.includes('?') && !url.includes('eyJ')) return url;
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
