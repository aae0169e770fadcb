import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './support/free-port';
import { IsolatedStack } from './support/isolated-stack';
import { testRunId } from './setup/test-environment';

const ROOT = join(__dirname, '..');

/**
 * `npm start` in development (issue 17, item 2): an empty registry gets the
 * demo population and one full classification; a registry with data, or
 * `--no-demo`, is left as it is. The CLI's start command in a process of its own.
 */
describe('npm start in development: the demo population', () => {
  let stack: IsolatedStack;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    stack = await IsolatedStack.start(`crs_test_${testRunId()}_demo`);
  }, 60_000);
  afterAll(async () => {
    for (const p of running) if (p.exitCode === null) p.kill('SIGKILL');
    await stack?.stop();
  });

  /** Starts `start …args` in development, waits for the API, stops it; returns its output. */
  async function startOnce(args: string[] = []): Promise<string> {
    const port = await freePort();
    const p = spawn(
      process.execPath,
      [
        '--require',
        join(ROOT, 'bench/register.js'),
        join(ROOT, 'apps/cli/src/main.ts'),
        'start',
        ...args,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, ...stack.env, NODE_ENV: 'development', PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    running.push(p);
    let out = '';
    p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (p.exitCode !== null) throw new Error(`start exited (${p.exitCode}): ${out}`);
      if ((await fetch(`${base}/api/v1/health`).catch(() => undefined))?.ok) break;
      if (i > 1200) throw new Error(`not ready in 120 s: ${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
    return out;
  }
  const count = async (sql: string) => Number((await stack.db.query(sql))[0].n);

  it('leaves an empty registry empty with --no-demo, seeds it otherwise, and never twice', async () => {
    const off = await startOnce(['--no-demo']);
    expect(await count('SELECT COUNT(*) AS n FROM enterprises')).toBe(0);
    expect(off).not.toContain('demo population');

    const on = await startOnce();
    expect(await count('SELECT COUNT(*) AS n FROM enterprises')).toBe(10_000);
    expect(on).toMatch(/demo population: 10,000 enterprises .* run #\d+/);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM reclassification_runs WHERE mode = 'full' AND dry_run = 0 AND requested_by = 'cli:demo-population'",
      ),
    ).toBe(1);

    // With data on file, a restart touches nothing.
    const again = await startOnce();
    expect(again).not.toContain('demo population');
    expect(await count('SELECT COUNT(*) AS n FROM enterprises')).toBe(10_000);
    expect(await count('SELECT COUNT(*) AS n FROM reclassification_runs')).toBe(1);
  }, 300_000);
});
