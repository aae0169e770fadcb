import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue 23 item 6: requests without a valid token are limited per client
 * address before authentication. The proxy in front (127.0.0.1, trusted here)
 * names the client, so each test has an address of its own (Redis keys are per test run).
 */
describe('rate limit per address for unauthenticated requests', () => {
  let t: TestApp;
  const LIMIT = 5;

  beforeAll(async () => {
    process.env.RATE_LIMIT_UNAUTHENTICATED = String(LIMIT);
    process.env.TRUST_PROXY = '127.0.0.1';
    t = await createTestApp();
  });
  afterAll(async () => {
    delete process.env.RATE_LIMIT_UNAUTHENTICATED;
    delete process.env.TRUST_PROXY;
    await t.close();
  });

  it('answers a burst of bad-token requests past the limit with 429 and Retry-After', async () => {
    const ip = '198.51.100.1';
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < LIMIT + 3; i++) {
      const r = await t
        .http()
        .get('/api/v1/risk/summary')
        .set('X-Forwarded-For', ip)
        .set('Authorization', 'Bearer not-a-jwt');
      statuses.push(r.status);
      retryAfter ??= r.headers['retry-after'];
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // A caller with a valid token from the same address is counted per caller instead.
    const admin = await t.token({ role: 'admin' });
    await t
      .http()
      .get('/api/v1/risk/summary')
      .set('X-Forwarded-For', ip)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    // Another address is not affected.
    await t.http().get('/api/v1/risk/summary').set('X-Forwarded-For', '198.51.100.2').expect(401);
  });

  it('limits /health and token-less requests too', async () => {
    const ip = '198.51.100.3';
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      const path = i % 2 ? '/api/v1/health' : '/api/v1/risk/summary';
      statuses.push((await t.http().get(path).set('X-Forwarded-For', ip)).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, LIMIT).every((s) => s !== 429)).toBe(true);
  });
});
