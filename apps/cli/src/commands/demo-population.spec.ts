import type { AppConfig } from '@app/core';
import { wantsDemo } from './demo-population';

const config = (env: Record<string, string | undefined>) => ({ env }) as unknown as AppConfig;

describe('the demo population is for development only', () => {
  it.each([
    [{ NODE_ENV: 'development' }, [], true],
    [{ NODE_ENV: 'development' }, ['--no-demo'], false],
    [{ NODE_ENV: 'development', DEMO_DATA: 'false' }, [], false],
    [{ NODE_ENV: 'production' }, [], false],
    [{ NODE_ENV: 'test' }, [], false],
  ])('%j %j → %s', (env, argv, expected) => {
    expect(wantsDemo(config(env), argv)).toBe(expected);
  });
});
