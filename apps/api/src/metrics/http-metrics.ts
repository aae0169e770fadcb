import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';

/**
 * Request durations by route template, never by raw URL: one series per
 * route and status, however many USCCs are looked up.
 */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** Express middleware: times each request until its response is sent. */
  readonly handler = (req: Request, res: Response, next: NextFunction): void => {
    const end = this.duration.startTimer();
    res.once('finish', () =>
      end({
        method: req.method,
        route: routeTemplate(req, res.statusCode),
        status_code: String(res.statusCode),
      }),
    );
    next();
  };
}

/**
 * The matched handler's pattern. A pattern with wildcards, or one under a
 * mount point, is Nest's own middleware registration rather than a route;
 * a mounted router (the queue board, the OpenAPI page) counts as one route;
 * a 404 outside any handler is `unmatched`, so scanners add no series.
 */
export function routeTemplate(req: Request, status: number): string {
  const pattern: unknown = req.route?.path;
  if (!req.baseUrl && typeof pattern === 'string' && !/[*{]/.test(pattern)) return pattern;
  if (req.baseUrl && status !== 404) return `${req.baseUrl}/*`;
  return 'unmatched';
}
