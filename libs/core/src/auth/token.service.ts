import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { isValidUscc, normalizeUscc } from '../values/uscc';
import { isJurisdiction, normalizeJurisdiction } from '../values/region-code';
import { Caller, ROLES } from './caller';

const ALGORITHM = 'HS256';

/** Distinct tokens remembered as verified; the oldest is forgotten first. */
const VERIFIED_CACHE_SIZE = 10_000;

/** Signs and verifies bearer tokens; the only place that knows the JWT details. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  private readonly issuer: string;
  private readonly audience: string;
  private readonly skewSeconds: number;
  private readonly maxLifetimeSeconds: number;
  /**
   * Tokens already verified, by their exact text: a token's signature, issuer
   * and audience never change, so a caller's next request only has its expiry
   * checked again (as jsonwebtoken does it, with the same skew). Decoding and
   * checking a JWT was ~5% of the CPU of a risk read under load.
   */
  private readonly verified = new Map<string, { caller: Caller; exp: number }>();

  constructor(config: AppConfig) {
    // A KeyObject, made once: given a string, jsonwebtoken builds one on every
    // verify, first trying (and failing) to read it as a public key: 15% of the
    // CPU of a risk read under load.
    this.jwt = new JwtService({
      secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
    });
    this.issuer = config.env.JWT_ISSUER;
    this.audience = config.env.JWT_AUDIENCE;
    this.skewSeconds = config.env.JWT_CLOCK_SKEW_SECONDS;
    this.maxLifetimeSeconds = config.env.JWT_MAX_LIFETIME_SECONDS;
  }

  sign(caller: Caller, expiresInSeconds = 8 * 3600): string {
    return this.jwt.sign(
      { ...caller },
      {
        algorithm: ALGORITHM,
        expiresIn: expiresInSeconds,
        issuer: this.issuer,
        audience: this.audience,
      },
    );
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

  verify(token: string): Caller {
    const known = this.verified.get(token);
    if (known) {
      if (Math.floor(Date.now() / 1000) < known.exp + this.skewSeconds) return known.caller;
      this.verified.delete(token); // expired: verified again below, which says so
    }
    // RFC 7515 §4.1.11: a token naming extensions in `crit` must be refused
    // by a verifier that does not implement them, and we implement none.
    if (criticalHeader(token)) throw new UnauthorizedException('invalid token');
    let claims: Record<string, unknown>;
    try {
      // Pinning the algorithm refuses alg:none and algorithm-confusion tokens
      // (RS256/ES256 headers, or HS384/HS512 with our secret).
      claims = this.jwt.verify(token, {
        algorithms: [ALGORITHM],
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: this.skewSeconds,
      });
    } catch (e) {
      // jsonwebtoken's messages name the expected issuer and audience: not for the caller.
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new UnauthorizedException(expired ? 'token expired' : 'invalid token');
    }
    // jsonwebtoken accepts a token without exp: one that never expires is refused here.
    if (typeof claims.exp !== 'number') throw new UnauthorizedException('token has no exp');
    // A token issued in the future beyond the skew was minted by a clock we must not trust.
    if (typeof claims.iat === 'number' && claims.iat > Date.now() / 1000 + this.skewSeconds) {
      throw new UnauthorizedException('token issued in the future');
    }
    this.assertLifetime(claims.exp, claims.iat);
    const caller = Object.freeze(toCaller(claims));
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { caller, exp: claims.exp });
    return caller;
  }
}

/** Whether the token's header has a `crit` member (unreadable headers are jsonwebtoken's to refuse). */
function criticalHeader(token: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split('.', 1)[0], 'base64url').toString());
    return typeof header === 'object' && header !== null && 'crit' in header;
  } catch {
    return false;
  }
}

function toCaller(claims: Record<string, unknown>): Caller {
  const { sub, role, region, uscc } = claims;
  if (typeof sub !== 'string' || !sub) throw new UnauthorizedException('token has no sub');
  if (typeof role !== 'string' || !ROLES.includes(role as Caller['role'])) {
    throw new UnauthorizedException('token role must be admin, regulator or enterprise');
  }
  if (role === 'regulator') {
    if (typeof region !== 'string' || !isJurisdiction(region)) {
      throw new UnauthorizedException(
        'regulator token region must be an administrative division code of 2, 4 or 6 digits, not 00',
      );
    }
    // Normalised once here: `330100` (the padded form) means the city `3301`.
    return { sub, role, region: normalizeJurisdiction(region) };
  }
  if (role === 'enterprise') {
    if (typeof uscc !== 'string' || !isValidUscc(uscc)) {
      throw new UnauthorizedException('enterprise token needs a valid uscc');
    }
    return { sub, role, uscc: normalizeUscc(uscc) };
  }
  return { sub, role: 'admin' };
}
