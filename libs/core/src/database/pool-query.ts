import type { Pool } from 'mysql2';
import type { DataSource } from 'typeorm';

/**
 * A read straight on TypeORM's own mysql2 pool, for the hottest read only
 * (GET /enterprises/:uscc/risk). `DataSource.query` takes a query runner,
 * awaits the subscribers' broadcast twice and wraps the connection in a new
 * promise API on every call: measured at 10–20 µs of CPU per request
 * (docs/performance.md). Same pool, connections and settings; errors are
 * mysql2's own, which `isDatabaseUnreachable` reads as it reads TypeORM's.
 * Not for writes: no transaction, no subscribers.
 */
export function poolQuery<T>(db: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (db.driver as { pool?: Pool }).pool;
  // A replicated setup has a pool cluster instead: TypeORM picks the server.
  if (!pool) return db.query(sql, params);
  return new Promise((resolve, reject) =>
    pool.query(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
  );
}
