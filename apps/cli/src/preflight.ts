import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { AppConfig, redisOptions } from '@app/core';
import { CliError } from './args';

const TIMEOUT_MS = 3000;

/**
 * Checks MySQL and Redis before booting Nest, so an unreachable one is named
 * within seconds, with what to check, instead of surfacing after retries as
 * a stack trace.
 */
export async function checkDependencies(config: AppConfig): Promise<void> {
  const results = await Promise.allSettled([checkMysql(config), checkRedis(config)]);
  const problems = results.flatMap((r) =>
    r.status === 'rejected' ? [(r.reason as Error).message] : [],
  );
  if (problems.length) throw new CliError(problems.join('\n       '));
}

async function checkMysql(config: AppConfig): Promise<void> {
  const db = config.database;
  try {
    const conn = await createConnection({
      host: db.host,
      port: db.port,
      user: db.user,
      password: db.password,
      database: db.database,
      connectTimeout: TIMEOUT_MS,
    });
    await conn.end();
  } catch (e) {
    throw new Error(mysqlProblem(e as { code?: string; message: string }, config), { cause: e });
  }
}

function mysqlProblem(err: { code?: string; message: string }, config: AppConfig): string {
  const db = config.database;
  const where = `${db.host}:${db.port}`;
  switch (err.code) {
    case 'ER_BAD_DB_ERROR':
      return `MySQL at ${where} has no database '${db.database}': run \`npm run migrate\``;
    case 'ER_ACCESS_DENIED_ERROR':
      return `MySQL at ${where} refused user '${db.user}': check DATABASE_URL`;
    default:
      return `MySQL is unreachable at ${where} (${err.code ?? err.message}): is it running? check DATABASE_URL`;
  }
}

async function checkRedis(config: AppConfig): Promise<void> {
  const options = redisOptions(config.env);
  const where = `${options.host}:${options.port}`;
  let lastError: Error | undefined;
  const client = new Redis({
    ...options,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: TIMEOUT_MS,
    retryStrategy: () => null,
  });
  client.on('error', (e: Error) => (lastError = e));
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const err = (lastError ?? e) as { code?: string; message: string };
    throw new Error(
      `Redis is unreachable at ${where} (${err.code ?? err.message}): is it running? check REDIS_URL`,
      { cause: e },
    );
  } finally {
    client.disconnect();
  }
}
