import { CalendarDate } from './calendar-date';

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar date of an instant, whatever the host time zone. */
export function shanghaiDate(instant: Date): CalendarDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Where "now" comes from. An abstract class rather than an interface so it can
 * serve as a dependency-injection token without this file importing Nest.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
  today(): CalendarDate {
    return shanghaiDate(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that only moves when told to; for tests and reproducible runs. */
export class FixedClock extends Clock {
  private instant: number;

  constructor(instant: Date | string) {
    super();
    this.instant = new Date(instant).getTime();
    if (Number.isNaN(this.instant)) throw new RangeError(`invalid instant: ${String(instant)}`);
  }

  now(): Date {
    // A fresh Date each time so callers cannot mutate the clock through it.
    return new Date(this.instant);
  }

  set(instant: Date | string): void {
    const t = new Date(instant).getTime();
    if (Number.isNaN(t)) throw new RangeError(`invalid instant: ${String(instant)}`);
    this.instant = t;
  }

  advance(ms: number): void {
    this.instant += ms;
  }
}
