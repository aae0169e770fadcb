import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { VerificationKeys } from '@app/core';

/**
 * The token issuer's keys. An unreachable remote provider is `degraded`, not
 * down: tokens signed with cached keys keep verifying, so the API still serves.
 */
@Injectable()
export class IdentityHealthIndicator {
  constructor(
    private readonly keys: VerificationKeys,
    private readonly indicator: HealthIndicatorService,
  ) {}

  check(key: string) {
    const { status, detail } = this.keys.health();
    return this.indicator.check(key).up({ state: status, detail });
  }
}
