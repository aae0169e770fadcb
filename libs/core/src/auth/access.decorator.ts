import { SetMetadata } from '@nestjs/common';
import { Role } from './caller';

export const ACCESS_KEY = 'access';
export type AccessPolicy = { public: true } | { roles: Role[] };

/** Anyone, without a token (health, docs). */
export const Public = () => SetMetadata(ACCESS_KEY, { public: true } satisfies AccessPolicy);

/**
 * The roles that may call a route. Every controller or handler states this;
 * a route that states nothing is refused by the guard.
 */
export const Roles = (...roles: Role[]) =>
  SetMetadata(ACCESS_KEY, { roles } satisfies AccessPolicy);
