import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { requestIdOf } from './logging/request-log';

/**
 * The API runs on Fastify, not Express: measured here (docs/performance.md),
 * a bare Nest+Express route costs ~1.8x the CPU of the same route on
 * Nest+Fastify, which decides whether the risk read holds a province's load.
 * Fastify makes the request id (echoed in X-Request-Id, in the request's log
 * line and its audit row) and enforces the body limit (413 beyond).
 */
export function createHttpAdapter(bodyLimit: number): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit,
    genReqId: (req: IncomingMessage) => requestIdOf(req.headers['x-request-id']),
    // Path parameters are USCCs, ids and hashes: anything longer is no route of ours (404).
    routerOptions: { maxParamLength: 128 },
  });
  adapter.getInstance().addHook('onRequest', (req, reply, done) => {
    void reply.header('X-Request-Id', req.id);
    done();
  });
  return adapter;
}
