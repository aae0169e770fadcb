import Redis from 'ioredis';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { newSigningKey } from '../../libs/identity/src/keys/signing-keys';
import { AppConfig, dropDatabase, migrate } from '../../libs/core/src';
import { applyTestEnvironment } from './test-environment';

/**
 * Creates this run's database, builds the schema by migrations as production
 * does, and returns the teardown that drops it and deletes the run's Redis keys.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  applyTestEnvironment();
  const config = AppConfig.fromEnvironment();
  await migrate(config);
  const keysFile = config.env.IDP_KEYS_FILE;
  mkdirSync(dirname(keysFile), { recursive: true });
  writeFileSync(keysFile, JSON.stringify({ keys: [await newSigningKey()] }), { mode: 0o600 });
  return async () => {
    rmSync(dirname(keysFile), { recursive: true, force: true });
    if (process.env.KEEP_TEST_DB) return;
    await dropDatabase(config);
    const redis = new Redis(config.env.REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${config.env.REDIS_PREFIX}:*`,
        'COUNT',
        1000,
      );
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  };
}
