/**
 * Enterprises per second over a sliding window of observations. Chunks
 * commit thousands of enterprises at a time, so progress moves in steps;
 * the window smooths them without hiding a slowdown for long.
 */
export class RateMeter {
  private readonly samples: { at: number; count: number }[] = [];

  constructor(private readonly windowMs = 15_000) {}

  add(count: number, at = Date.now()): void {
    this.samples.push({ at, count });
    // Keep one sample at or before the window's start, so the window stays full.
    while (this.samples.length > 2 && this.samples[1].at <= at - this.windowMs)
      this.samples.shift();
  }

  /** Per second, or null until two observations span some time. */
  rate(): number | null {
    if (this.samples.length < 2) return null;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const seconds = (last.at - first.at) / 1000;
    return seconds > 0 ? Math.max(0, (last.count - first.count) / seconds) : null;
  }
}

/** Seconds until `remaining` are done at `rate`, or null when the rate says nothing yet. */
export function etaSeconds(remaining: number, rate: number | null): number | null {
  if (remaining <= 0) return 0;
  return rate && rate > 0 ? remaining / rate : null;
}
