import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One database and one Redis key prefix per test run, so runs never collide.
 * The names are fixed here (from the run id) and inherited by every test worker.
 */
export function testRunId(): string {
  if (!process.env.CRS_TEST_RUN_ID) {
    process.env.CRS_TEST_RUN_ID = `${process.pid}_${Date.now().toString(36)}`;
  }
  return process.env.CRS_TEST_RUN_ID;
}

export function applyTestEnvironment(): void {
  const id = testRunId();
  const base = process.env.TEST_DATABASE_SERVER ?? 'mysql://root:@127.0.0.1:3306';
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = `${base}/crs_test_${id}`;
  process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.env.REDIS_PREFIX = `crs-test-${id}`;
  // Tokens come from the embedded provider: its key file is made once per run (global-setup),
  // so every test process signs and verifies with the same keys. No shared secret.
  process.env.IDP_KEYS_FILE ??= join(tmpdir(), `crs-test-${id}`, 'idp-keys.json');
  delete process.env.JWT_SECRET;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  // Small chunks so that even a few dozen enterprises make a multi-chunk run.
  process.env.RECLASSIFY_CHUNK_SIZE ??= '7';
  // No e2e test may trip the rate limit by accident (security.e2e-spec.ts tests it on purpose),
  // and audit entries and outboxed re-scorings should land within a test's patience.
  process.env.RATE_LIMIT ??= '1000000';
  process.env.RATE_LIMIT_UNAUTHENTICATED ??= '1000000';
  process.env.AUDIT_FLUSH_MS ??= '50';
  process.env.RESCORE_OUTBOX_RELAY_MS ??= '200';
  // Partner deliveries at test speed: retries from 100 ms up to 1 s, a circuit open for 1 s.
  process.env.DELIVERY_POLL_MS ??= '100';
  process.env.DELIVERY_RETRY_BASE_MS ??= '100';
  process.env.DELIVERY_RETRY_MAX_MS ??= '1000';
  process.env.DELIVERY_BREAKER_OPEN_MS ??= '1000';
  process.env.DELIVERY_LEASE_MS ??= '5000';
  process.env.DELIVERY_MAX_ATTEMPTS ??= '100';
}
