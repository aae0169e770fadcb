import { Clock, FixedClock, SystemClock, shanghaiDate } from './clock';

describe('clock', () => {
  it('gives the Shanghai calendar date (UTC+8)', () => {
    expect(new FixedClock('2026-11-29T17:00:00Z').today()).toBe('2026-11-30');
    expect(new FixedClock('2026-11-29T15:59:59.999Z').today()).toBe('2026-11-29');
    expect(new FixedClock('2026-11-29T16:00:00Z').today()).toBe('2026-11-30');
    expect(shanghaiDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });

  it('is settable and advances only when told', () => {
    const clock = new FixedClock(new Date('2025-12-24T10:00:00Z'));
    expect(clock.now().toISOString()).toBe('2025-12-24T10:00:00.000Z');
    clock.advance(6 * 3_600_000);
    expect(clock.today()).toBe('2025-12-25');
    clock.set('2030-01-01T00:00:00+08:00');
    expect(clock.today()).toBe('2030-01-01');
    expect(() => clock.set('not a date')).toThrow(RangeError);
  });

  it('does not let callers mutate it through now()', () => {
    const clock = new FixedClock('2025-01-01T00:00:00Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2025);
  });

  it('has a system implementation usable as a Clock', () => {
    const clock: Clock = new SystemClock();
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(clock.today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
