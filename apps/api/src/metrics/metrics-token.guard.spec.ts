import { ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { MetricsTokenGuard } from './metrics-token.guard';

const TOKEN = 'scrape-0123456789abcdef';

function guard(token?: string) {
  return new MetricsTokenGuard({ env: { METRICS_TOKEN: token, NODE_ENV: 'test' } } as AppConfig);
}
function ctx(authorization?: string) {
  return {
    switchToHttp: () => ({ getRequest: () => ({ headers: { authorization } }) }),
  } as unknown as ExecutionContext;
}

describe('MetricsTokenGuard', () => {
  it('lets every scrape in when METRICS_TOKEN is not configured', () => {
    expect(guard().canActivate(ctx())).toBe(true);
  });

  it('wants the configured bearer when it is', () => {
    expect(guard(TOKEN).canActivate(ctx(`Bearer ${TOKEN}`))).toBe(true);
    for (const header of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer']) {
      expect(() => guard(TOKEN).canActivate(ctx(header))).toThrow(UnauthorizedException);
    }
  });
});
