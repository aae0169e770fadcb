import { getQueueToken } from '@nestjs/bullmq';
import { HttpException, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { userInfo } from 'node:os';
import { AppConfig, QueueName } from '@app/core';
import { RunService } from '@app/reclassification';
import { CliError } from '../args';
import { CliModule } from '../cli.module';
import { checkDependencies } from '../preflight';
import { followRun } from '../reclassify/follow-run';
import { parseReclassifyOptions } from '../reclassify/reclassify-options';
import { formatRunSummary, RunView } from '../reclassify/run-format';
import { RunProgressBar } from '../reclassify/run-progress-bar';

export const reclassifyHelp = `reclassify --mode full|incremental [--region 3301] [--as-of 2026-06-30] [--model <version>] [--dry-run] [--follow]
  Starts a reclassification run, as POST /api/v1/reclassifications does; the workers do the work.
  --follow shows a progress bar (processed/total, enterprises/s, ETA) until the run ends, then its tiers
  and tier transitions, and exits 1 if the run failed. Without --follow it prints the run id.`;

export async function reclassifyCommand(argv: string[]): Promise<void> {
  const options = parseReclassifyOptions(argv);
  await checkDependencies(AppConfig.fromEnvironment());
  // Errors only: Nest's boot lines would scroll the progress bar away.
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const runs = app.get(RunService);
    const run = await startRun(runs, options.run);
    await warnIfNoWorker(app);
    if (!options.follow) {
      console.log(run.id);
      console.error(
        `run ${run.id} ${run.status}; follow it with GET /api/v1/reclassifications/${run.id}`,
      );
      return;
    }
    const final = await followUntilInterrupted(run.id, (id) => runs.get(id));
    if (!final) {
      process.exitCode = 130;
      return;
    }
    console.log(formatRunSummary(final));
    if (final.status === 'failed') process.exitCode = 1;
  } finally {
    await app.close();
  }
}

async function startRun(runs: RunService, dto: Parameters<RunService['start']>[0]) {
  try {
    return await runs.start(dto, `cli:${userInfo().username}`);
  } catch (e) {
    // 409 (the same run is queued or running), 404 (no such model): the service's words suffice.
    if (e instanceof HttpException) throw new CliError(e.message);
    if ((e as { code?: string }).code === 'ER_NO_SUCH_TABLE') {
      throw new CliError('the database has no schema yet: run `npm run migrate`');
    }
    throw e;
  }
}

/** Without a worker the run waits in the queue: say so rather than show a bar that never moves. */
async function warnIfNoWorker(app: INestApplicationContext): Promise<void> {
  const queue = app.get<Queue>(getQueueToken(QueueName.Reclassify), { strict: false });
  const workers = await queue.getWorkersCount().catch(() => undefined);
  if (workers === 0) {
    console.error(
      'warning: no worker is consuming the reclassify queue; the run waits until one starts (npm run start:worker)',
    );
  }
}

/** Ctrl-C stops following, not the run. Returns undefined when interrupted. */
async function followUntilInterrupted(
  id: number,
  get: (id: number) => Promise<RunView>,
): Promise<RunView | undefined> {
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    return await followRun(id, get, { signal: abort.signal, bar: new RunProgressBar() });
  } catch (e) {
    if (!abort.signal.aborted) throw e;
    console.error(
      `\nstopped following run ${id}; it goes on in the workers (GET /api/v1/reclassifications/${id})`,
    );
    return undefined;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
