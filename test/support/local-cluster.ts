import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ensureGalera } from '../ensure-galera';
import { freePort } from './free-port';

const NODES = 3;
const SENTINELS = 3;
export const SENTINEL_NAME = 'crs';

interface GaleraNode {
  name: string;
  dir: string;
  port: number;
  galeraPort: number;
  istPort: number;
  sstPort: number;
  process?: ChildProcess;
}

/**
 * As root the servers run as `mysql`, as the Debian package runs them: the
 * rsync daemon receiving a state transfer would otherwise drop to `nobody`
 * and could not write the joiner's data directory.
 */
const serverUser = () => (process.getuid?.() === 0 ? 'mysql' : (process.env.USER ?? 'mysql'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/**
 * A 3-node MariaDB Galera cluster and a Redis primary, replica and three
 * sentinels, all on loopback ports, each in its own data directory under
 * `dir`, from the installed Debian packages (`galera-4`, `mariadb-server`,
 * `rsync` for state transfer, `redis-server`). For the cluster tests and for
 * trying the service on a cluster (`npm run cluster -- start`).
 */
export class LocalCluster {
  readonly nodes: GaleraNode[] = [];
  redisPorts: number[] = [];
  sentinelPorts: number[] = [];
  private galera: { provider: string; binDir?: string } = { provider: '' };

  private constructor(readonly dir: string) {}

  /** What the cluster needs and this machine lacks (Debian packages not fetched by ensureGalera). */
  static missing(): string[] {
    const need = [
      ['/usr/sbin/mariadbd', 'mariadb-server'],
      ['/usr/bin/mariadb-install-db', 'mariadb-server'],
      ['/usr/bin/wsrep_sst_rsync', 'mariadb-server'],
      ['/usr/bin/redis-server', 'redis-server'],
    ];
    return need.filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg);
  }

  static async start(dir: string): Promise<LocalCluster> {
    const missing = LocalCluster.missing();
    if (missing.length)
      throw new Error(`the local cluster needs Debian packages: ${missing.join(', ')}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const c = new LocalCluster(dir);
    c.galera = ensureGalera();
    for (let i = 1; i <= NODES; i++) {
      c.nodes.push({
        name: `node${i}`,
        dir: join(dir, `node${i}`),
        port: await freePort(),
        galeraPort: await freePort(),
        istPort: await freePort(),
        sstPort: await freePort(),
      });
    }
    try {
      await c.startGalera();
      await c.startRedis();
    } catch (e) {
      await c.stop();
      throw e;
    }
    c.writeState();
    return c;
  }

  /** `mysql://` URL naming every node, as DATABASE_URL takes it. */
  databaseUrl(database: string): string {
    return `mysql://root:@${this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}/${database}`;
  }

  get sentinels(): string {
    return this.sentinelPorts.map((p) => `127.0.0.1:${p}`).join(',');
  }

  private config(n: GaleraNode): string {
    const addresses = this.nodes.map((x) => `127.0.0.1:${x.galeraPort}`).join(',');
    return `[mysqld]
datadir=${n.dir}/data
socket=${n.dir}/mysqld.sock
pid-file=${n.dir}/mysqld.pid
log-error=${n.dir}/error.log
port=${n.port}
bind-address=127.0.0.1
user=${serverUser()}
skip-name-resolve
innodb_buffer_pool_size=256M
innodb_flush_log_at_trx_commit=2
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=${this.galera.provider}
wsrep_cluster_name=crs_local
wsrep_cluster_address=gcomm://${addresses}
wsrep_node_name=${n.name}
wsrep_node_address=127.0.0.1:${n.galeraPort}
wsrep_provider_options="base_port=${n.galeraPort};ist.recv_addr=127.0.0.1:${n.istPort};gcache.size=128M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:${n.sstPort}
wsrep_slave_threads=2
`;
  }

  private async startGalera(): Promise<void> {
    for (const n of this.nodes) {
      mkdirSync(join(n.dir, 'data'), { recursive: true });
      writeFileSync(join(n.dir, 'my.cnf'), this.config(n));
    }
    if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'mysql:mysql', this.dir]);
    const first = this.nodes[0];
    const init = spawnSync(
      'mariadb-install-db',
      [
        `--defaults-file=${join(first.dir, 'my.cnf')}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr}`);
    await this.startNode(0, true);
    // Root over TCP from 127.0.0.1 without a password, as on this machine's single server.
    const sql = spawnSync(
      'mariadb',
      [
        '--no-defaults',
        `--socket=${join(first.dir, 'mysqld.sock')}`,
        '-uroot',
        '-e',
        "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;",
      ],
      { encoding: 'utf8' },
    );
    if (sql.status !== 0) throw new Error(`granting root@127.0.0.1 failed: ${sql.stderr}`);
    for (let i = 1; i < this.nodes.length; i++) await this.startNode(i);
  }

  /** Starts node `i` (0-based); the first of a new cluster bootstraps it. Resolves when it is synced. */
  async startNode(i: number, bootstrap = false): Promise<void> {
    const n = this.nodes[i];
    const args = [`--defaults-file=${join(n.dir, 'my.cnf')}`];
    if (bootstrap) args.push('--wsrep-new-cluster');
    const path = [this.galera.binDir, process.env.PATH].filter(Boolean).join(':');
    n.process = spawn('/usr/sbin/mariadbd', args, {
      stdio: 'ignore',
      detached: true,
      env: { ...process.env, PATH: path },
    });
    n.process.unref();
    for (let k = 0; k < 1200; k++) {
      if (n.process.exitCode !== null)
        throw new Error(`${n.name} exited (${n.process.exitCode}): ${this.errorLog(n)}`);
      if ((await listening(n.port)) && this.synced(n)) {
        this.writeState(); // a restarted node has a new pid: `npm run cluster -- stop` finds it
        return;
      }
      await sleep(100);
    }
    throw new Error(`${n.name} not synced in 120 s: ${this.errorLog(n)}`);
  }

  private synced(n: GaleraNode): boolean {
    const r = spawnSync(
      'mariadb',
      [
        '--no-defaults',
        `--socket=${join(n.dir, 'mysqld.sock')}`,
        '-uroot',
        '-N',
        '-e',
        "SHOW STATUS LIKE 'wsrep_local_state_comment'",
      ],
      { encoding: 'utf8' },
    );
    return r.status === 0 && r.stdout.includes('Synced');
  }

  private errorLog(n: GaleraNode): string {
    const path = join(n.dir, 'error.log');
    return existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-15).join('\n') : '';
  }

  /** SIGKILL a node (a server lost mid-work). */
  killNode(i: number): void {
    const p = this.nodes[i].process;
    if (p?.pid) process.kill(p.pid, 'SIGKILL');
  }

  private async startRedis(): Promise<void> {
    this.redisPorts = [await freePort(), await freePort()];
    this.sentinelPorts = [];
    for (let i = 0; i < SENTINELS; i++) this.sentinelPorts.push(await freePort());
    const [primary, replica] = this.redisPorts;
    for (const [k, port] of this.redisPorts.entries()) {
      const d = join(this.dir, `redis${k + 1}`);
      mkdirSync(d, { recursive: true });
      const args = [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'yes',
        '--dir',
        d,
        '--pidfile',
        join(d, 'redis.pid'),
        '--logfile',
        join(d, 'redis.log'),
      ];
      if (port === replica) args.push('--replicaof', '127.0.0.1', String(primary));
      const r = spawnSync('redis-server', args, { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`redis-server failed: ${r.stderr}`);
    }
    for (const [k, port] of this.sentinelPorts.entries()) {
      const d = join(this.dir, `sentinel${k + 1}`);
      mkdirSync(d, { recursive: true });
      const conf = join(d, 'sentinel.conf');
      writeFileSync(
        conf,
        `port ${port}
bind 127.0.0.1
daemonize yes
dir ${d}
pidfile ${join(d, 'sentinel.pid')}
logfile ${join(d, 'sentinel.log')}
sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${primary} 2
sentinel down-after-milliseconds ${SENTINEL_NAME} 1000
sentinel failover-timeout ${SENTINEL_NAME} 5000
sentinel parallel-syncs ${SENTINEL_NAME} 1
`,
      );
      const r = spawnSync('redis-server', [conf, '--sentinel'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`redis sentinel failed: ${r.stderr}`);
    }
    for (const port of [...this.redisPorts, ...this.sentinelPorts]) {
      for (let k = 0; !(await listening(port)); k++) {
        if (k > 100) throw new Error(`redis on ${port} did not start`);
        await sleep(50);
      }
    }
  }

  /** The port of the Redis primary Sentinel names now. */
  redisPrimary(): number {
    const r = spawnSync(
      'redis-cli',
      ['-p', String(this.sentinelPorts[0]), 'SENTINEL', 'get-master-addr-by-name', SENTINEL_NAME],
      { encoding: 'utf8' },
    );
    return Number(r.stdout.trim().split('\n')[1]);
  }

  /** SIGKILL the Redis primary; Sentinel promotes the replica. */
  killRedisPrimary(): number {
    const port = this.redisPrimary();
    const k = this.redisPorts.indexOf(port);
    const pid = Number(readFileSync(join(this.dir, `redis${k + 1}`, 'redis.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    return port;
  }

  private writeState(): void {
    writeFileSync(
      join(this.dir, 'cluster.json'),
      JSON.stringify(
        {
          nodes: this.nodes.map(({ process: p, ...n }) => ({ ...n, pid: p?.pid })),
          redisPorts: this.redisPorts,
          sentinelPorts: this.sentinelPorts,
        },
        null,
        2,
      ),
    );
  }

  /** Stops everything started under `dir` (also from another process: `npm run cluster -- stop`). */
  static stopDir(dir: string): void {
    const state = join(dir, 'cluster.json');
    if (existsSync(state)) {
      const s = JSON.parse(readFileSync(state, 'utf8'));
      for (const n of s.nodes) {
        try {
          if (n.pid) process.kill(n.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    for (const sub of ['redis1', 'redis2', 'sentinel1', 'sentinel2', 'sentinel3']) {
      const pidFile = join(dir, sub, sub.startsWith('redis') ? 'redis.pid' : 'sentinel.pid');
      if (!existsSync(pidFile)) continue;
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }

  async stop(): Promise<void> {
    for (const n of this.nodes) {
      try {
        if (n.process?.pid) process.kill(n.process.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    LocalCluster.stopDir(this.dir); // Redis and the sentinels, by their pid files
    await sleep(200);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
