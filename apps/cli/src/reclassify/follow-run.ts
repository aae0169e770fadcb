import { setTimeout as sleep } from 'node:timers/promises';
import { isFinished, RunView } from './run-format';
import { RunProgressBar } from './run-progress-bar';

export interface FollowOptions {
  intervalMs?: number;
  /** Aborting (Ctrl-C) stops the polling; the run itself goes on in the workers. */
  signal?: AbortSignal;
  /** Where the bar is drawn; none for no bar. */
  bar?: RunProgressBar;
}

/** Polls the run until it completes or fails and returns its last view. */
export async function followRun(
  id: number,
  get: (id: number) => Promise<RunView>,
  { intervalMs = 500, signal, bar }: FollowOptions = {},
): Promise<RunView> {
  try {
    for (;;) {
      const run = await get(id);
      bar?.update(run);
      if (isFinished(run)) return run;
      await sleep(intervalMs, undefined, { signal });
    }
  } finally {
    bar?.stop();
  }
}
