/**
 * The framework's own share of GET /api/v1/enterprises/:uscc/risk: NestJS on
 * the same Fastify adapter as the API, one global guard doing the floor's JWT
 * check, one controller doing the floor's query (floor-query.ts), and nothing
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
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { currentRisk, regulatorRegion } from './floor-query';

@Injectable()
class RegulatorGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest();
    const region = regulatorRegion(req.headers.authorization);
    if (region === 401) throw new UnauthorizedException();
    if (region === 403) throw new ForbiddenException();
    req.region = region;
    return true;
  }
}

@Controller('enterprises/:uscc/risk')
class RiskController {
  @Get()
  async current(@Param('uscc') uscc: string, @Req() req: { region: string }) {
    const risk = await currentRisk(uscc, req.region);
    if (!risk) throw new NotFoundException();
    return risk;
  }
}

@Module({
  controllers: [RiskController],
  providers: [{ provide: APP_GUARD, useClass: RegulatorGuard }],
})
class BareModule {}

void (async () => {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  app.setGlobalPrefix('api/v1');
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.send?.('ready');
})();
