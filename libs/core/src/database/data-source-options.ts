import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { failoverDriver } from './failover-driver';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one data source definition shared by the API, the worker, the CLI and
 * the tests. Entities are added by Nest (`autoLoadEntities`); migrations are
 * plain SQL classes and need none.
 */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const db = config.database;
  return {
    type: 'mysql',
    host: db.host,
    port: db.port,
    username: db.user,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_unicode_ci',
    // DATE columns stay 'YYYY-MM-DD' strings: no time-zone shifts on calendar days.
    dateStrings: ['DATE'],
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    // trace: false: mysql2 would capture a stack trace on every query (~2% of a
    // risk read's CPU) to decorate its own errors; TypeORM's QueryFailedError
    // carries the query and its own stack.
    extra: { connectionLimit: 20, trace: false },
    // Several hosts (a Galera cluster): one pool over them, failing over in order.
    ...(db.hosts.length > 1 ? { driver: failoverDriver(db.hosts) } : {}),
  };
}
