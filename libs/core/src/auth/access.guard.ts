import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { CachingReflector } from '../http/caching-reflector';
import { MISSING_TOKEN } from '../http/api-exception.filter';
import { ACCESS_KEY, AccessPolicy } from './access.decorator';
import { TokenService } from './token.service';

/**
 * Global guard: authenticates the bearer token and enforces the route's
 * declared roles. Deny by default: a route without @Public or @Roles is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: CachingReflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (policy && 'public' in policy) return true;

    const req = ctx.switchToHttp().getRequest();
    const header: unknown = req.headers?.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException(MISSING_TOKEN);
    const caller = await this.tokens.verify(match[1]);
    req.caller = caller;

    if (!policy) throw new ForbiddenException('this route declares no access policy');
    if (!policy.roles.includes(caller.role)) {
      throw new ForbiddenException(`role ${caller.role} may not call this route`);
    }
    return true;
  }
}
