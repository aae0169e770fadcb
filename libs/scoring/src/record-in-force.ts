import { dayFromPacked, parseDay, parsePackedDate } from './day-number';
import { considerNext, state } from './evaluation-state';

/** The dates that move a record's publicity besides its own date. */
export interface PublicityDates {
  occurredOn: string;
  /** Publicity runs again from this day (an approved repair revoked for false materials). */
  publicityFrom?: string | null;
  /** Temporary repair (破产重整 临时信用修复): not counted from `suspendedFrom` through `suspendedUntil`. */
  suspendedFrom?: string | null;
  suspendedUntil?: string | null;
}

/** Day number and packed date a publicity window is counted from. */
export function publicityStart(r: PublicityDates): { day: number; packed: number } {
  const packed = parsePackedDate(r.publicityFrom ?? r.occurredOn);
  return { day: dayFromPacked(packed), packed };
}

/**
 * Whether the record is suspended at asOf, registering the day that changes
 * (the suspension starting, or ending the day after `suspendedUntil`): the
 * suspension ends by itself, so the record counts again without new input.
 */
export function suspendedAtAsOf(r: PublicityDates): boolean {
  if (!r.suspendedFrom || !r.suspendedUntil) return false;
  const from = parseDay(r.suspendedFrom);
  const until = parseDay(r.suspendedUntil) + 1;
  if (state.asOf < from) {
    considerNext(from);
    return false;
  }
  if (state.asOf >= until) return false;
  considerNext(until);
  return true;
}
