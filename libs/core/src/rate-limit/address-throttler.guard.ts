import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import {
  InjectThrottlerStorage,
  ThrottlerException,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { TokenService } from '../auth/token.service';

interface HttpRequest {
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}
interface HttpReply {
  header(name: string, value: string): unknown;
}

/**
 * Rate limit per client address for requests that do not carry a valid token
 * (none, a bad one, public routes such as /health), registered before
 * AccessGuard: refusing a token costs a verification and a 401, and /health
 * asks MySQL and Redis, so these must be limited before any of that runs.
 * Callers with a valid token are left to CallerThrottlerGuard (per sub), so
 * many officials behind one address do not share this budget. The address is
 * the socket's unless a proxy listed in TRUST_PROXY forwarded the request.
 */
@Injectable()
export class AddressThrottlerGuard implements CanActivate {
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly tokens: TokenService,
    config: AppConfig,
  ) {
    this.limit = config.env.RATE_LIMIT_UNAUTHENTICATED;
    this.windowMs = config.env.RATE_LIMIT_WINDOW_SECONDS * 1000;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<HttpRequest>();
    if (await this.hasValidToken(req)) return true;
    // Hashed: no client address is stored in Redis.
    const key = createHash('sha256').update(`address\0${req.ip}`).digest('base64url').slice(0, 32);
    const hit = await this.storage.increment(
      key,
      this.windowMs,
      this.limit,
      this.windowMs,
      'address',
    );
    if (hit.isBlocked) {
      void ctx
        .switchToHttp()
        .getResponse<HttpReply>()
        .header('Retry-After', String(hit.timeToBlockExpire));
      throw new ThrottlerException();
    }
    return true;
  }

  /** As AccessGuard reads the token; verification is cached there, so the second one is a lookup. */
  private async hasValidToken(req: HttpRequest): Promise<boolean> {
    const header = req.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (!token) return false;
    try {
      await this.tokens.verify(token);
      return true;
    } catch {
      return false;
    }
  }
}
