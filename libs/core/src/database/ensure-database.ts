import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { AppConfig, DatabaseHost } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** The first host that accepts a connection (a cluster's node may be down). */
async function firstUp<T>(
  hosts: DatabaseHost[],
  connect: (h: DatabaseHost) => Promise<T>,
): Promise<T> {
  let last: unknown;
  for (const h of hosts) {
    try {
      return await connect(h);
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

/** Runs one statement on the server, outside any database (which may not exist yet). */
async function onServer(config: AppConfig, sql: string): Promise<void> {
  const db = config.database;
  const conn = await firstUp(db.hosts, (h) =>
    createConnection({ host: h.host, port: h.port, user: db.user, password: db.password }),
  );
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

/** Creates the database if it is missing (utf8mb4), as `npm start` promises. */
export function createDatabaseIfMissing(config: AppConfig): Promise<void> {
  return onServer(
    config,
    `CREATE DATABASE IF NOT EXISTS \`${config.database.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
}

/** Drops the configured database: tests and benchmarks each own theirs. */
export function dropDatabase(config: AppConfig): Promise<void> {
  return onServer(config, `DROP DATABASE IF EXISTS \`${config.database.database}\``);
}

/** Applies pending migrations; returns the names of those it ran. */
export async function migrate(config: AppConfig): Promise<string[]> {
  await createDatabaseIfMissing(config);
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
