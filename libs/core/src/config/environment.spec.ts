import { describe, expect, it } from 'vitest';
import { EnvironmentError, environmentSetting } from './environment';

describe('environmentSetting', () => {
  it('reads one setting with the default and the conversion of the whole environment', () => {
    expect(environmentSetting('QUEUE_LOCK_MS', {})).toBe(30000);
    expect(environmentSetting('QUEUE_LOCK_MS', { QUEUE_LOCK_MS: '2000' })).toBe(2000);
    expect(environmentSetting('LOG_LEVEL', { LOG_LEVEL: 'debug' })).toBe('debug');
  });

  it('refuses an invalid value of that setting, naming it, and ignores the others', () => {
    expect(() => environmentSetting('QUEUE_LOCK_MS', { QUEUE_LOCK_MS: '10' })).toThrow(
      EnvironmentError,
    );
    expect(() => environmentSetting('QUEUE_LOCK_MS', { QUEUE_LOCK_MS: '10' })).toThrow(
      /QUEUE_LOCK_MS/,
    );
    expect(environmentSetting('LOG_LEVEL', { QUEUE_LOCK_MS: '10' })).toBe('info');
  });
});
