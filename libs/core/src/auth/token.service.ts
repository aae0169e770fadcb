import { Injectable, UnauthorizedException } from '@nestjs/common';
import { decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { AppConfig } from '../config/app-config';
import { isValidUscc, normalizeUscc } from '../values/uscc';
import { isJurisdiction, normalizeJurisdiction } from '../values/region-code';
import { Caller, Role, ROLES } from './caller';
import { VerificationKeys } from './verification-keys';

/** What an OpenID provider may sign access tokens with: asymmetric only. */
export const PROVIDER_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/** Distinct tokens remembered as verified; the oldest is forgotten first. */
const VERIFIED_CACHE_SIZE = 10_000;

/** The claim names that carry a caller's role, jurisdiction and USCC. */
export interface ClaimNames {
  role: string;
  region: string;
  uscc: string;
}

/**
 * The API as an OAuth resource server: verifies bearer access tokens of the
 * OpenID provider (OIDC_ISSUER, or the embedded one) with `jose`, against the
 * provider's keys, issuer and this API's audience, and maps their claims to a
 * Caller. HS256 tokens signed with JWT_SECRET are accepted only while that is
 * set (legacy integrations). The only place that knows the JWT details.
 */
@Injectable()
export class TokenService {
  private readonly provider: JWTVerifyOptions;
  private readonly legacy?: { key: Uint8Array; options: JWTVerifyOptions };
  private readonly skewSeconds: number;
  private readonly maxLifetimeSeconds: number;
  private readonly claims: ClaimNames;
  /**
   * Tokens already verified, by their exact text: a token's signature, issuer
   * and audience never change, so a caller's next request only has its expiry
   * checked again (with the same skew). Verifying a JWT on every request was
   * ~5% of the CPU of a risk read under load.
   */
  private readonly verified = new Map<string, { caller: Caller; exp: number }>();

  constructor(
    config: AppConfig,
    private readonly keys: VerificationKeys,
  ) {
    const { env } = config;
    this.skewSeconds = env.JWT_CLOCK_SKEW_SECONDS;
    this.maxLifetimeSeconds = env.JWT_MAX_LIFETIME_SECONDS;
    this.claims = {
      role: env.OIDC_CLAIM_ROLE,
      region: env.OIDC_CLAIM_REGION,
      uscc: env.OIDC_CLAIM_USCC,
    };
    const common = {
      audience: config.identity.audience,
      clockTolerance: this.skewSeconds,
      requiredClaims: ['exp', 'sub'],
    };
    // Pinning the algorithms refuses alg:none and algorithm confusion (an
    // HS256 token "signed" with the provider's public key).
    this.provider = { ...common, issuer: config.identity.issuer, algorithms: PROVIDER_ALGORITHMS };
    if (env.JWT_SECRET) {
      this.legacy = {
        key: new TextEncoder().encode(env.JWT_SECRET),
        options: { ...common, issuer: env.JWT_ISSUER, algorithms: ['HS256'] },
      };
    }
  }

  async verify(token: string): Promise<Caller> {
    const known = this.verified.get(token);
    if (known) {
      if (Math.floor(Date.now() / 1000) < known.exp + this.skewSeconds) return known.caller;
      this.verified.delete(token); // expired: verified again below, which says so
    }
    let claims: JWTPayload;
    try {
      // jose refuses a `crit` header it does not implement (RFC 7515 §4.1.11): we implement none.
      claims =
        this.legacy && decodeProtectedHeader(token).alg === 'HS256'
          ? (await jwtVerify(token, this.legacy.key, this.legacy.options)).payload
          : (await jwtVerify(token, this.keys.getKey, this.provider)).payload;
    } catch (e) {
      // jose's messages name the expected claim values: not for the caller.
      const expired = (e as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new UnauthorizedException(expired ? 'token expired' : 'invalid token');
    }
    const exp = claims.exp!;
    // A token issued in the future beyond the skew was minted by a clock we must not trust.
    if (typeof claims.iat === 'number' && claims.iat > Date.now() / 1000 + this.skewSeconds) {
      throw new UnauthorizedException('token issued in the future');
    }
    this.assertLifetime(exp, claims.iat);
    const caller = Object.freeze(toCaller(claims, this.claims));
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { caller, exp });
    return caller;
  }

  /**
   * A stolen token is only good until it expires, so none may live longer than
   * JWT_MAX_LIFETIME_SECONDS: exp − iat, or without iat, exp − now.
   */
  private assertLifetime(exp: number, iat: unknown): void {
    const from = typeof iat === 'number' ? iat : Date.now() / 1000;
    const slack = typeof iat === 'number' ? 0 : this.skewSeconds;
    if (exp - from > this.maxLifetimeSeconds + slack) {
      throw new UnauthorizedException('token lifetime exceeds the maximum');
    }
  }
}

/** A claim by name; a dotted name reads a nested object (`realm_access.crs_role`). */
function claim(claims: JWTPayload, name: string): unknown {
  if (name in claims) return claims[name];
  return name
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      claims,
    );
}

/** The role: a string, or a list (a Keycloak role mapper's) holding exactly one of ours. */
function roleOf(value: unknown): Role | undefined {
  const candidates = Array.isArray(value) ? value : [value];
  const ours = candidates.filter((r): r is Role => ROLES.includes(r as Role));
  return ours.length === 1 ? ours[0] : undefined;
}

export function toCaller(claims: JWTPayload, names: ClaimNames): Caller {
  const sub = claims.sub;
  if (typeof sub !== 'string' || !sub) throw new UnauthorizedException('token has no sub');
  const role = roleOf(claim(claims, names.role));
  if (!role) {
    throw new UnauthorizedException('token role must be admin, regulator or enterprise');
  }
  if (role === 'regulator') {
    const region = claim(claims, names.region);
    if (typeof region !== 'string' || !isJurisdiction(region)) {
      throw new UnauthorizedException(
        'regulator token region must be an administrative division code of 2, 4 or 6 digits, not 00',
      );
    }
    // Normalised once here: `330100` (the padded form) means the city `3301`.
    return { sub, role, region: normalizeJurisdiction(region) };
  }
  if (role === 'enterprise') {
    const uscc = claim(claims, names.uscc);
    if (typeof uscc !== 'string' || !isValidUscc(uscc)) {
      throw new UnauthorizedException('enterprise token needs a valid uscc');
    }
    return { sub, role, uscc: normalizeUscc(uscc) };
  }
  return { sub, role: 'admin' };
}
