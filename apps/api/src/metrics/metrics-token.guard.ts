import {
  CanActivate,
  ExecutionContext,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@app/core';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * `/metrics` is scraped by Prometheus, which sends a static bearer, not a
 * user's JWT: when METRICS_TOKEN is set it must match; unset, the endpoint is
 * open and the API port must only be reachable by the scraper for it.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(config: AppConfig) {
    const token = config.env.METRICS_TOKEN;
    this.expected = token ? digest(token) : undefined;
    if (!token && config.env.NODE_ENV === 'production') {
      new Logger('Metrics').warn(
        'METRICS_TOKEN is not set: /metrics answers anyone who reaches it',
      );
    }
  }

  canActivate(ctx: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header: unknown = ctx.switchToHttp().getRequest().headers?.authorization;
    const presented =
      typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    // Digests have equal length, which timingSafeEqual needs; the comparison leaks nothing.
    if (!presented || !timingSafeEqual(digest(presented), this.expected)) {
      throw new UnauthorizedException('/metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    return true;
  }
}
