import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import type { Role, AppConfig } from '@app/core';
import type { SigningKeys } from '../keys/signing-keys';
import { API_SCOPE } from '../constants';

export interface TokenSubject {
  sub: string;
  role: Role;
  region?: string;
  uscc?: string;
  name?: string;
}

/** The client id written into tokens made here, so they are told apart from the provider's flows. */
export const DEVELOPMENT_TOKEN_CLIENT = 'crs-dev-token';

/**
 * Access tokens exactly as the embedded provider issues them (its issuer,
 * this API's audience, its current signing key, `typ: at+jwt`, the same
 * claims), for a named account or any subject: what `npm run token` prints
 * for a development account and what the tests sign in with. Never offered
 * over HTTP; whoever can read IDP_KEYS_FILE can sign anyway.
 */
export async function issueAccessToken(
  config: AppConfig,
  keys: SigningKeys,
  subject: TokenSubject,
  ttlSeconds = config.env.IDP_ACCESS_TOKEN_TTL_SECONDS,
): Promise<string> {
  const jwk = keys.privateJwks.keys[0];
  const key = await importJWK(jwk, jwk.alg);
  return new SignJWT({ ...subject, client_id: DEVELOPMENT_TOKEN_CLIENT, scope: API_SCOPE })
    .setProtectedHeader({ alg: jwk.alg!, kid: jwk.kid, typ: 'at+jwt' })
    .setIssuer(config.identity.issuer)
    .setAudience(config.identity.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .setJti(randomUUID())
    .sign(key);
}
