import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { WORKER_NODE_FLAGS } from '../../apps/worker/src/node-flags';
import { peakRssMb } from './bench-db';

const ROOT = join(__dirname, '..', '..');

/** Worker processes from the built app (`npx nest build`), as production runs them (its flags too). */
export class WorkerFleet {
  private readonly procs: ChildProcess[] = [];

  /** `flags`: more node flags, e.g. `--cpu-prof` for a benchmark's `--profile`. */
  async start(count: number, env: Record<string, string>, flags: string[] = []): Promise<void> {
    for (let i = 0; i < count; i++) {
      const p = spawn(
        process.execPath,
        [...WORKER_NODE_FLAGS, ...flags, join(ROOT, 'dist/apps/worker/src/main.js')],
        {
          env: { ...process.env, ...env, LOG_LEVEL: 'info' },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      this.procs.push(p);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('worker did not report ready in 60 s')),
          60_000,
        );
        p.stdout!.on('data', (d: Buffer) => {
          if (d.toString().includes('worker ready')) {
            clearTimeout(timer);
            resolve();
          }
        });
        p.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });
    }
  }

  get pids(): number[] {
    return this.procs.map((p) => p.pid!);
  }

  peakRss(): (number | null)[] {
    return this.pids.map(peakRssMb);
  }

  kill(index: number, signal: NodeJS.Signals = 'SIGKILL'): void {
    this.procs[index].kill(signal);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            p.once('exit', () => resolve());
            p.kill('SIGTERM');
            setTimeout(() => p.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    this.procs.length = 0;
  }
}
