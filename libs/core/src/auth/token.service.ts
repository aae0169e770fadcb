import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { isValidUscc, normalizeUscc } from '../values/uscc';
import { Caller, ROLES } from './caller';

const ALGORITHM = 'HS256';

/** Signs and verifies bearer tokens; the only place that knows the JWT details. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(config: AppConfig) {
    this.jwt = new JwtService({ secret: config.jwtSecret });
  }

  sign(caller: Caller, expiresInSeconds = 8 * 3600): string {
    return this.jwt.sign({ ...caller }, { algorithm: ALGORITHM, expiresIn: expiresInSeconds });
  }

  verify(token: string): Caller {
    let claims: Record<string, unknown>;
    try {
      // Pinning the algorithm refuses alg:none and algorithm-confusion tokens.
      claims = this.jwt.verify(token, { algorithms: [ALGORITHM] });
    } catch (e) {
      throw new UnauthorizedException(`invalid token: ${(e as Error).message}`);
    }
    return toCaller(claims);
  }
}

function toCaller(claims: Record<string, unknown>): Caller {
  const { sub, role, region, uscc } = claims;
  if (typeof sub !== 'string' || !sub) throw new UnauthorizedException('token has no sub');
  if (typeof role !== 'string' || !ROLES.includes(role as Caller['role'])) {
    throw new UnauthorizedException('token role must be admin, regulator or enterprise');
  }
  if (role === 'regulator') {
    if (typeof region !== 'string' || !/^\d{2}(\d{2}){0,2}$/.test(region)) {
      throw new UnauthorizedException('regulator token needs a region of 2, 4 or 6 digits');
    }
    return { sub, role, region };
  }
  if (role === 'enterprise') {
    if (typeof uscc !== 'string' || !isValidUscc(uscc)) {
      throw new UnauthorizedException('enterprise token needs a valid uscc');
    }
    return { sub, role, uscc: normalizeUscc(uscc) };
  }
  return { sub, role: 'admin' };
}
