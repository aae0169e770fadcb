import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public, ApiErrors } from '@app/core';
import { IdentityHealthIndicator } from './identity.health';
import { RedisHealthIndicator } from './redis.health';
import { HealthView } from '../openapi/operations.views';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mysql: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly identity: IdentityHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  // No user token: `security: []` tells clients so (the document's default is a bearer).
  @ApiOperation({
    security: [],
    summary:
      "Liveness and dependencies: 200 when MySQL and Redis answer, 503 otherwise; identity: the token issuer's keys (degraded while a remote provider is unreachable and cached keys are used)",
  })
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'MySQL or Redis down' })
  @ApiErrors(429)
  check() {
    return this.health.check([
      () => this.mysql.pingCheck('mysql', { timeout: 1500 }),
      () => this.redis.check('redis'),
      () => this.identity.check('identity'),
    ]);
  }
}
