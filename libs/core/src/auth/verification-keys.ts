import type { JWTVerifyGetKey } from 'jose';

/** What the identity check reports to /health. */
export interface KeysHealth {
  status: 'up' | 'degraded';
  detail: string;
}

/**
 * The OpenID provider's public keys, as the resource server sees them: the
 * embedded provider's own (in process) or a remote provider's JWKS (fetched,
 * cached, refetched on an unknown `kid`). Provided by the identity library.
 */
export abstract class VerificationKeys {
  /** A jose key resolver for `jwtVerify`: picks the key by the token's `kid` and `alg`. */
  abstract readonly getKey: JWTVerifyGetKey;
  abstract health(): KeysHealth;
}
