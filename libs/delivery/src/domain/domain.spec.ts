import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { retryDelayMs } from './backoff';
import { endpointProblem } from './endpoint-url';
import { newSigningSecret } from './signing-secret';
import { subscriptionWants } from './subscription-match';

describe('retry back-off', () => {
  it('doubles from the base up to the cap, each wait between half and all of its ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const ceiling = Math.min(900_000, 5000 * 2 ** (n - 1));
          const d = retryDelayMs(n, 5000, 900_000, () => r);
          return d >= ceiling / 2 && d <= ceiling;
        },
      ),
    );
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 5000, 30_000, () => 1))).toEqual([
      5000, 10_000, 20_000, 30_000, 30_000,
    ]);
  });

  it('spreads retries of the same attempt (jitter)', () => {
    const waits = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, 1000, 60_000)));
    expect(waits.size).toBeGreaterThan(10);
  });
});

describe('subscription filters', () => {
  const event = { type: 'serious-list.added', regionCode: '330114' };
  it('takes everything without filters, and matches regions of any level by prefix', () => {
    expect(subscriptionWants({ events: null, regions: null }, event)).toBe(true);
    expect(subscriptionWants({ events: null, regions: ['33'] }, event)).toBe(true);
    expect(subscriptionWants({ events: null, regions: ['3301'] }, event)).toBe(true);
    expect(subscriptionWants({ events: null, regions: ['3302', '3201'] }, event)).toBe(false);
    expect(subscriptionWants({ events: ['serious-list.repaired'], regions: null }, event)).toBe(
      false,
    );
    expect(subscriptionWants({ events: ['serious-list.added'], regions: ['330114'] }, event)).toBe(
      true,
    );
  });
});

describe('partner endpoints', () => {
  it('wants https, or http to loopback only', () => {
    expect(endpointProblem('https://tax.example.gov.cn/hooks/crs')).toBeNull();
    expect(endpointProblem('http://127.0.0.1:8080/hook')).toBeNull();
    expect(endpointProblem('http://localhost:8080/hook')).toBeNull();
    expect(endpointProblem('http://[::1]:8080/hook')).toBeNull();
    expect(endpointProblem('http://tax.example.gov.cn/hook')).toMatch(/https/);
    expect(endpointProblem('http://10.0.0.5/hook')).toMatch(/https/);
    expect(endpointProblem('ftp://127.0.0.1/x')).toMatch(/https/);
    expect(endpointProblem('https://u:p@bank.example.cn/h')).toMatch(/credentials/);
    expect(endpointProblem('/relative')).toMatch(/absolute/);
  });
});

describe('signing secrets', () => {
  it('are Standard Webhooks secrets the library signs and verifies with, each one new', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newSigningSecret()).not.toBe(secret);
    const wh = new Webhook(secret);
    const body = '{"id":"evt_1"}';
    const at = new Date();
    const headers = {
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': wh.sign('evt_1', at, body),
    };
    expect(wh.verify(body, headers)).toEqual({ id: 'evt_1' });
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
  });
});
