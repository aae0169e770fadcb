import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions, dropDatabase, migrate } from '@app/core';

/** Benchmarks run in a throwaway database of their own, never the service's. */
export function benchEnvironment(name: string): void {
  const server = process.env.BENCH_DATABASE_SERVER ?? 'mysql://root:@127.0.0.1:3306';
  process.env.NODE_ENV = 'development';
  process.env.DATABASE_URL = `${server}/crs_bench_${name}`;
  process.env.REDIS_PREFIX = `crs-bench-${name}-${Date.now().toString(36)}`;
  process.env.LOG_LEVEL ??= 'warn';
}

export async function recreateDatabase(config: AppConfig): Promise<DataSource> {
  await dropDatabase(config);
  await migrate(config);
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  return ds;
}

export async function openDatabase(config: AppConfig): Promise<DataSource> {
  await migrate(config);
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  return ds;
}

/**
 * performance.md: the default 128 MB buffer pool makes bulk work 4–8x slower,
 * and the default 96 MB redo log makes writes scattered over the table (an
 * incremental run's) stall on checkpoint flushing about 2x. Both are dynamic
 * (no restart); benchmarks raise them and say so; tests keep the defaults.
 */
export async function tuneServer(ds: DataSource): Promise<string> {
  await ds.query(`SET GLOBAL innodb_buffer_pool_size = ${4 * 1024 ** 3}`);
  await ds.query(`SET GLOBAL innodb_log_file_size = ${1024 ** 3}`);
  const [{ pool, redo }] = await ds.query(
    'SELECT @@innodb_buffer_pool_size AS pool, @@innodb_log_file_size AS redo',
  );
  const gib = (v: unknown) => (Number(v) / 1024 ** 3).toFixed(1);
  return `innodb_buffer_pool_size = ${gib(pool)} GiB, innodb_log_file_size = ${gib(redo)} GiB (set by this benchmark)`;
}

/**
 * Waits until InnoDB has written out the pages the last phase dirtied. A
 * phase measured right after a write-heavy one otherwise shares the disk and
 * a core with the page cleaner flushing its predecessor's work (a million
 * assessments leave ~1.2 GB dirty, which the default io_capacity of 200 takes
 * minutes to write): measured here, the reclassification floor took 65 s
 * right after a full run and 52 s after a pause. Flushing is sped up for the
 * wait and the server's settings are restored after it.
 */
export async function quiesce(ds: DataSource): Promise<void> {
  const [saved] = await ds.query(
    `SELECT @@innodb_io_capacity AS io, @@innodb_io_capacity_max AS ioMax,
            @@innodb_max_dirty_pages_pct AS pct`,
  );
  await ds.query('SET GLOBAL innodb_io_capacity_max = 40000');
  await ds.query('SET GLOBAL innodb_io_capacity = 20000');
  await ds.query('SET GLOBAL innodb_max_dirty_pages_pct = 0');
  try {
    for (let i = 0; i < 600; i++) {
      const [{ Value }] = await ds.query(
        "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'",
      );
      if (Number(Value) < 100) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await ds.query(`SET GLOBAL innodb_max_dirty_pages_pct = ${Number(saved.pct)}`);
    await ds.query(`SET GLOBAL innodb_io_capacity = ${Number(saved.io)}`);
    await ds.query(`SET GLOBAL innodb_io_capacity_max = ${Number(saved.ioMax)}`);
  }
}

/** Peak resident set of a process, from /proc (Linux). */
export function peakRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; USER_HZ = 100). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The local database server's pid, when it runs on this machine. */
export function mariadbPid(): number | null {
  for (const name of ['/run/mysqld/mysqld.pid', '/var/run/mysqld/mysqld.pid']) {
    try {
      return Number(readFileSync(name, 'utf8').trim());
    } catch {
      // not this path
    }
  }
  return null;
}
