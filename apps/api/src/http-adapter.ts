import { FastifyAdapter } from '@nestjs/platform-fastify';
import { createServer, type RequestListener } from 'node:http';
import type { Environment } from '@app/core';
import { newRequestId } from '@app/core';

/**
 * The API runs on Fastify, not Express: measured here (docs/performance.md),
 * a bare Nest+Express route costs ~1.8x the CPU of the same route on
 * Nest+Fastify, which decides whether the risk read holds a province's load.
 * Fastify makes the request id (a UUID of ours, echoed in X-Request-Id, in the
 * request's log line and its audit row) and enforces the body limit (413 beyond).
 */
export type HttpSettings = Pick<
  Environment,
  | 'BODY_LIMIT_BYTES'
  | 'TRUST_PROXY'
  | 'HTTP_HEADERS_TIMEOUT_MS'
  | 'HTTP_REQUEST_TIMEOUT_MS'
  | 'HTTP_IDLE_TIMEOUT_MS'
  | 'HTTP_KEEP_ALIVE_TIMEOUT_MS'
>;

export function createHttpAdapter(env: HttpSettings): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    // req.ip is the socket's address unless one of these proxies sent X-Forwarded-For.
    trustProxy: trustedProxies(env.TRUST_PROXY),
    // Slow clients (slowloris, a stalled or dribbled body) are cut off by Node's
    // http server: 408 when the headers or the request take too long, close when idle.
    serverFactory: (handler: RequestListener) => slowClientLimitedServer(handler, env),
    connectionTimeout: env.HTTP_IDLE_TIMEOUT_MS,
    keepAliveTimeout: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
    // Ours, never the client's X-Request-Id (kept beside it as clientRequestId).
    genReqId: newRequestId,
    // Path parameters are USCCs, ids and hashes: anything longer is no route of ours (404).
    routerOptions: { maxParamLength: 128 },
  });
  adapter.getInstance().addHook('onRequest', (req, reply, done) => {
    void reply.header('X-Request-Id', req.id);
    done();
  });
  return adapter;
}

function slowClientLimitedServer(handler: RequestListener, env: HttpSettings) {
  const server = createServer(
    {
      headersTimeout: Math.min(env.HTTP_HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS),
      requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeout: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      // Node checks the two timeouts above on this interval (30 s by default,
      // which would let a slow request run that much over its limit).
      connectionsCheckingInterval: Math.min(1000, env.HTTP_HEADERS_TIMEOUT_MS),
    },
    handler,
  );
  server.setTimeout(env.HTTP_IDLE_TIMEOUT_MS);
  return server;
}

/** TRUST_PROXY: empty trusts no proxy; else comma-separated addresses or CIDR ranges. */
function trustedProxies(setting: string): string | false {
  return setting.trim() === '' ? false : setting;
}
