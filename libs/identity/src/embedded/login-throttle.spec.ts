import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('lets 5 failures pass, then doubles the wait from 1 s, per account name, up to 15 min', () => {
    let now = 0;
    const throttle = new LoginThrottle(5, () => now);
    for (let i = 0; i < 4; i++) throttle.failed('reg-33');
    expect(throttle.waitMs('reg-33')).toBe(0);
    throttle.failed('REG-33'); // names are case-insensitive
    expect(throttle.waitMs('reg-33')).toBe(1000);
    throttle.failed('reg-33');
    expect(throttle.waitMs('reg-33')).toBe(2000);
    now += 1500;
    expect(throttle.waitMs('reg-33')).toBe(500);
    for (let i = 0; i < 30; i++) throttle.failed('reg-33');
    expect(throttle.waitMs('reg-33')).toBe(15 * 60_000);
    expect(throttle.waitMs('reg-3301')).toBe(0);
    throttle.succeeded('reg-33');
    expect(throttle.waitMs('reg-33')).toBe(0);
  });
});
