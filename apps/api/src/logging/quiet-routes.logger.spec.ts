import { LoggerService } from '@nestjs/common';
import { QuietRoutesLogger } from './quiet-routes.logger';

function recorder() {
  const lines: [string, unknown[]][] = [];
  const inner: LoggerService = {
    log: (...a: unknown[]) => lines.push(['info', a]),
    debug: (...a: unknown[]) => lines.push(['debug', a]),
    warn: (...a: unknown[]) => lines.push(['warn', a]),
    error: (...a: unknown[]) => lines.push(['error', a]),
  };
  return { lines, logger: new QuietRoutesLogger(inner) };
}

describe('QuietRoutesLogger', () => {
  it("logs Nest's route mapping at debug", () => {
    const { lines, logger } = recorder();
    logger.log('Mapped {/api/v1/risk, GET} route', 'RouterExplorer');
    logger.log('RiskController {/api/v1/risk}:', 'RoutesResolver');
    expect(lines.map(([level]) => level)).toEqual(['debug', 'debug']);
  });

  it('keeps every other line at its level', () => {
    const { lines, logger } = recorder();
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('careful', 'Config');
    expect(lines).toEqual([
      ['info', ['Nest application successfully started', 'NestApplication']],
      ['warn', ['careful', 'Config']],
    ]);
  });
});
