import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Histogram, Registry } from 'prom-client';

/**
 * Request durations by route template, never by raw URL: one series per
 * route and status, however many USCCs are looked up.
 */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;
  /** One labelled series per method, route and status, looked up once instead of hashed per request. */
  private readonly series = new Map<string, { observe(seconds: number): void }>();

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** Times every request from its arrival until its response is sent (Fastify measures). */
  register(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (req, reply, done) => {
      const route = routeTemplate(req);
      const key = `${req.method} ${reply.statusCode} ${route}`;
      let series = this.series.get(key);
      if (!series) {
        series = this.duration.labels(req.method, route, String(reply.statusCode));
        this.series.set(key, series);
      }
      series.observe(reply.elapsedTime / 1000);
      done();
    });
  }
}

/**
 * The matched route's pattern (`/api/v1/enterprises/:uscc/risk`), or
 * `unmatched` for a request no route took, so scanners add no series.
 */
export function routeTemplate(req: Pick<FastifyRequest, 'routeOptions'>): string {
  return req.routeOptions?.url ?? 'unmatched';
}
