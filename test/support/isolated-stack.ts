import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions, dropDatabase, migrate } from '@app/core';
import { freePort } from './free-port';
import { WORKER_NODE_FLAGS } from '../../apps/worker/src/node-flags';

const ROOT = join(__dirname, '..', '..');
const TS_RUNNER = ['--require', join(ROOT, 'bench/register.js')];

/**
 * A database and a Redis server of its own, and worker processes started the
 * way production starts them, for tests that kill workers or restart Redis
 * without disturbing anything else on the machine.
 */
export class IsolatedStack {
  readonly env: Record<string, string>;
  private readonly workers: ChildProcess[] = [];
  private redisPort = 0;
  db!: DataSource;

  private constructor(
    private readonly name: string,
    extraEnv: Record<string, string>,
  ) {
    const server = process.env.TEST_DATABASE_SERVER ?? 'mysql://root:@127.0.0.1:3306';
    this.env = {
      NODE_ENV: 'test',
      DATABASE_URL: `${server}/${name}`,
      REDIS_PREFIX: 'crs-isolated',
      LOG_LEVEL: 'info',
      ...extraEnv,
    };
  }

  /** With REDIS_SENTINELS in `extraEnv` (a LocalCluster's), no Redis server of its own is started. */
  static async start(name: string, extraEnv: Record<string, string> = {}): Promise<IsolatedStack> {
    const stack = new IsolatedStack(name, extraEnv);
    if (!extraEnv.REDIS_SENTINELS) {
      stack.redisPort = await freePort();
      stack.env.REDIS_URL = `redis://127.0.0.1:${stack.redisPort}`;
      stack.startRedis();
    }
    const config = AppConfig.fromEnvironment({ ...process.env, ...stack.env });
    await dropDatabase(config);
    await migrate(config);
    stack.db = new DataSource(dataSourceOptions(config));
    await stack.db.initialize();
    return stack;
  }

  /** A fresh, empty Redis (no persistence, as this machine runs it). */
  startRedis(): void {
    const r = spawnSync('redis-server', [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      String(this.redisPort),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      '/tmp',
    ]);
    if (r.status !== 0) throw new Error(`redis-server failed: ${r.stderr}`);
    for (let i = 0; i < 100; i++) {
      if (
        spawnSync('redis-cli', ['-p', String(this.redisPort), 'ping'])
          .stdout?.toString()
          .includes('PONG')
      )
        return;
      spawnSync('sleep', ['0.05']);
    }
    throw new Error('redis did not start');
  }

  stopRedis(): void {
    if (!this.redisPort) return;
    spawnSync('redis-cli', ['-p', String(this.redisPort), 'shutdown', 'nosave']);
  }

  /** The log line each started worker reported itself ready with (its heap limit among others). */
  readonly workerReadyLines: string[] = [];

  async startWorker(): Promise<ChildProcess> {
    const p = spawn(
      process.execPath,
      [...WORKER_NODE_FLAGS, ...TS_RUNNER, join(ROOT, 'apps/worker/src/main.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, ...this.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.workers.push(p);
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`worker not ready in 60 s: ${stderr}`)),
        60_000,
      );
      p.stdout!.on('data', (d: Buffer) => {
        const ready = d
          .toString()
          .split('\n')
          .find((l) => l.includes('worker ready'));
        if (ready) {
          this.workerReadyLines.push(ready);
          clearTimeout(timer);
          resolve();
        }
      });
      p.once('exit', (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
    });
    return p;
  }

  /** The API as production starts it, on a free port; its stdout (the log) is collected. */
  async startApi(): Promise<{ process: ChildProcess; base: string; log: () => string }> {
    const port = await freePort();
    const p = spawn(process.execPath, [...TS_RUNNER, join(ROOT, 'apps/api/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.workers.push(p);
    let out = '';
    p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600; i++) {
      if (p.exitCode !== null) throw new Error(`API exited (${p.exitCode}): ${out}`);
      if ((await fetch(`${base}/api/v1/health`).catch(() => undefined))?.ok) {
        return { process: p, base, log: () => out };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`API not ready in 60 s: ${out}`);
  }

  /** Starts a run through the CLI, as an operator would; returns its id. */
  startRun(args: string[]): number {
    const r = spawnSync(
      process.execPath,
      [...TS_RUNNER, join(ROOT, 'apps/cli/src/main.ts'), 'reclassify', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...this.env, LOG_LEVEL: 'error' },
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`reclassify failed: ${r.stderr}`);
    return Number(r.stdout.trim().split('\n').pop());
  }

  async run(id: number): Promise<{
    status: string;
    total: number;
    processed: number;
    changed: number;
    failed: number;
  }> {
    const [r] = await this.db.query(
      'SELECT status, total, processed, changed, failed FROM reclassification_runs WHERE id = ?',
      [id],
    );
    return r;
  }

  async waitForRun(id: number, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // A query on a cluster node killed under it fails once; the pool moves on.
      const r = await this.run(id).catch(() => undefined);
      if (r && (r.status === 'completed' || r.status === 'failed')) return r;
      if (Date.now() > deadline)
        throw new Error(`run ${id} still ${r?.status} after ${timeoutMs} ms`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  async stop(): Promise<void> {
    for (const w of this.workers)
      if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    this.stopRedis();
    await this.db.query(`DROP DATABASE IF EXISTS \`${this.name}\``);
    await this.db.destroy();
  }
}
