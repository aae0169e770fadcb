import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { ACCESS_KEY, AccessPolicy } from '../auth/access.decorator';
import type { Caller } from '../auth/caller';

/**
 * Rate limit per caller across all routes: the token's sub once AccessGuard
 * has verified it (it is registered before this guard), else the client IP.
 * Public routes (health, metrics) are probed by infrastructure and skipped.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    return policy !== undefined && 'public' in policy;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const caller = req.caller as Caller | undefined;
    return caller ? `sub:${caller.sub}` : `ip:${String(req.ip)}`;
  }

  /** One counter per caller, not per caller and route; hashed, so no sub is stored in Redis. */
  protected override generateKey(_ctx: ExecutionContext, tracker: string, name: string): string {
    return createHash('sha256').update(`${name}\0${tracker}`).digest('base64url').slice(0, 32);
  }
}
