import { SignJWT } from 'jose';
import { AppConfig } from '@app/core';

/**
 * Legacy HS256 tokens (JWT_SECRET) for benchmarks: the servers need no
 * identity provider, and the API verifies a token once and then looks it up,
 * so the algorithm does not change the per-request cost. Call
 * `useBenchSecret()` before the configuration is read.
 */
const SECRET = 'bench-secret-0123456789-0123456789-abcdef';

export function useBenchSecret(): void {
  process.env.JWT_SECRET = SECRET;
  // Never fetched from: no token here names its keys.
  process.env.OIDC_ISSUER = 'http://127.0.0.1:9/bench-unused';
}

export function benchToken(
  config: AppConfig,
  subject: string,
  claims: { role: string; region?: string },
  expiresIn = '8h',
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(config.env.JWT_ISSUER)
    .setAudience(config.env.OIDC_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(SECRET));
}
