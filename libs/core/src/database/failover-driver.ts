import mysql from 'mysql2';
import type { DatabaseHost } from '../config/app-config';

type PoolOptions = Parameters<typeof mysql.createPool>[0] & object;
type Callback = (err: NodeJS.ErrnoException | null, connection?: unknown) => void;

/**
 * mysql2 for TypeORM, with `createPool` answering a pool over several
 * servers: mysql2's PoolCluster, nodes in the configured order, every
 * connection taken from the first node up. A node that refuses a connection
 * is set aside for RESTORE_MS and the next one is tried at once, so losing a
 * Galera node costs the requests that were on it, not the service. One
 * writer at a time also keeps Galera's certification conflicts rare (every
 * node accepts writes; conflicting ones abort with 1213 and are retried).
 */
const RESTORE_MS = 2000;

export function failoverDriver(hosts: DatabaseHost[]): typeof mysql {
  return {
    ...mysql,
    createPool(options: PoolOptions) {
      const cluster = mysql.createPoolCluster({
        canRetry: true,
        removeNodeErrorCount: 1,
        restoreNodeTimeout: RESTORE_MS,
        defaultSelector: 'ORDER',
      });
      hosts.forEach((h, i) => cluster.add(`NODE${i}`, { ...options, host: h.host, port: h.port }));
      const nodes = cluster.of('NODE*', 'ORDER');
      return {
        getConnection: (cb: Callback) => nodes.getConnection(cb as never),
        // poolQuery's fast path (the risk read) queries the pool directly.
        query: (sql: string, values: unknown, cb: Callback) =>
          nodes.query(sql, values as never, cb as never),
        end: (cb?: (err?: unknown) => void) => cluster.end(cb as never),
        on: () => undefined,
      } as unknown as ReturnType<typeof mysql.createPool>;
    },
  } as typeof mysql;
}
