/**
 * The framework's own share of GET /api/v1/enterprises/:uscc/risk: NestJS on
 * the same Fastify adapter as the API, one global guard doing the floor's JWT
 * check, one controller doing the floor's query on a mysql2 pool, and nothing
 * else (no audit, logging, rate limit, helmet, metrics, TypeORM). Between the
 * floor and ours, it tells what the framework costs and what our cross-cutting
 * work costs. Started by run.ts with --bare.
 */
import 'reflect-metadata';
import {
  CanActivate,
  Controller,
  ExecutionContext,
  ForbiddenException,
  Get,
  Injectable,
  Module,
  NotFoundException,
  Param,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createPool } from 'mysql2/promise';

const env = process.env;
const key = createSecretKey(Buffer.from(env.JWT_SECRET!));
const pool = createPool({
  uri: env.DATABASE_URL,
  connectionLimit: 20,
  dateStrings: ['DATE'],
  timezone: 'Z',
  trace: false,
});
const SQL = `SELECT e.region_code, c.tier, c.score, c.model_version, c.model_hash, c.as_of,
                    c.next_review_on, c.factors, c.vetoes, c.assessed_at
               FROM enterprises e JOIN current_assessments c ON c.enterprise_id = e.id
              WHERE e.uscc = ?`;
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

@Injectable()
class JwtGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest();
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    try {
      req.claims = jwt.verify(bearer ?? '', key, {
        algorithms: ['HS256'],
        issuer: env.JWT_ISSUER,
        audience: env.JWT_AUDIENCE,
        clockTolerance: 30,
      });
    } catch {
      throw new UnauthorizedException();
    }
    if (req.claims.role !== 'regulator' || !req.claims.region) throw new ForbiddenException();
    return true;
  }
}

@Controller('enterprises/:uscc/risk')
class RiskController {
  @Get()
  async current(@Param('uscc') uscc: string) {
    const [rows] = (await pool.query(SQL, [uscc])) as unknown as [Record<string, unknown>[]];
    const r = rows[0];
    if (!r) throw new NotFoundException();
    return {
      uscc,
      tier: r.tier,
      score: r.score,
      modelVersion: r.model_version,
      modelHash: r.model_hash,
      asOf: r.as_of,
      assessedAt: new Date(r.assessed_at as Date).toISOString(),
      nextReviewOn: r.next_review_on,
      factors: json(r.factors),
      vetoes: json(r.vetoes),
    };
  }
}

@Module({ controllers: [RiskController], providers: [{ provide: APP_GUARD, useClass: JwtGuard }] })
class BareModule {}

void (async () => {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  app.setGlobalPrefix('api/v1');
  await app.listen(Number(env.PORT), '127.0.0.1');
  process.send?.('ready');
})();
