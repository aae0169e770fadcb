import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** Creates the database if it is missing (utf8mb4), as `npm start` promises. */
export async function createDatabaseIfMissing(config: AppConfig): Promise<void> {
  const db = config.database;
  const conn = await createConnection({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
  });
  try {
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await conn.end();
  }
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
