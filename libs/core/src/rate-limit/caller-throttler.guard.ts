import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { ACCESS_KEY, AccessPolicy } from '../auth/access.decorator';
import type { Caller } from '../auth/caller';
import { CachingReflector } from '../http/caching-reflector';

const MAX_KEYS = 10_000;

/**
 * Rate limit per caller across all routes: the token's sub once AccessGuard
 * has verified it (it is registered before this guard), else the client IP.
 * Public routes (health, metrics) are probed by infrastructure and skipped.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  /** Keys already hashed, by throttler and tracker: a hash per request cost more than the count. */
  private readonly keys = new Map<string, string>();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    // The guard asks for six route settings per request: remembered per handler.
    reflector: CachingReflector,
  ) {
    super(options, storage, reflector);
  }

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
    const id = `${name}\0${tracker}`;
    let key = this.keys.get(id);
    if (key === undefined) {
      // Bounded: a flood of distinct callers (IPs) only costs hashing again.
      if (this.keys.size >= MAX_KEYS) this.keys.clear();
      key = createHash('sha256').update(id).digest('base64url').slice(0, 32);
      this.keys.set(id, key);
    }
    return key;
  }
}
