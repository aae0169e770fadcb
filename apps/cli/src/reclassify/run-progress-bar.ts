import { Presets, SingleBar } from 'cli-progress';
import { etaSeconds, RateMeter } from './rate-meter';
import { formatCount, formatDuration, RunView } from './run-format';

/** What the bar shows beside the bar itself, from one observation of the run. */
export function progressPayload(run: RunView, rate: number | null) {
  const done = run.processed + run.failed;
  return {
    id: run.id,
    status: run.status.padEnd(9),
    done: formatCount(done),
    all: formatCount(run.total),
    rate: formatCount(rate),
    remaining: run.total ? formatDuration(etaSeconds(run.total - done, rate)) : '--',
  };
}

/**
 * A cli-progress bar fed with polled run views. The rate is measured here,
 * from what the CLI sees move, rather than taken from the server. On a
 * terminal it redraws in place; piped (CI logs), it prints a line every few seconds.
 */
export class RunProgressBar {
  private readonly bar: SingleBar;
  private readonly meter = new RateMeter();
  private started = false;

  constructor(stream: NodeJS.WritableStream = process.stderr, notTtyEveryMs = 5000) {
    this.bar = new SingleBar(
      {
        format:
          'run {id} {status} |{bar}| {percentage}% | {done}/{all} enterprises | {rate}/s | ETA {remaining}',
        stream,
        hideCursor: true,
        emptyOnZero: true,
        noTTYOutput: true,
        notTTYSchedule: notTtyEveryMs,
        barsize: 30,
      },
      Presets.shades_classic,
    );
  }

  update(run: RunView, now = Date.now()): void {
    const done = run.processed + run.failed;
    this.meter.add(done, now);
    const payload = progressPayload(run, this.meter.rate());
    if (!this.started) {
      this.bar.start(run.total, done, payload);
      this.started = true;
    } else {
      this.bar.setTotal(run.total);
      this.bar.update(done, payload);
    }
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}
