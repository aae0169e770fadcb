import { logFormat } from './log-destination';

describe('logFormat', () => {
  it.each([
    ['development', true, 'pretty'],
    ['development', false, 'json'],
    ['production', true, 'json'],
    ['production', false, 'json'],
    ['test', true, 'json'],
    [undefined, true, 'json'],
  ] as const)('NODE_ENV=%s, stdout a terminal: %s → %s', (env, tty, format) => {
    expect(logFormat(env, tty)).toBe(format);
  });
});
