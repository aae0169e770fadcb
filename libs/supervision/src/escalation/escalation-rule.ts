import { addMonths, CalendarDate, compareDates } from '@app/core';

/**
 * 列入经营异常名录满三年仍未履行相关义务的, 列入严重违法失信名单
 * (严重违法失信名单管理办法): an enterprise on the abnormal operations list for
 * three years is due for the serious dishonest list. Due is a flag for the
 * regulator, never a listing: the decision stays a person's.
 */
export const ESCALATION_AFTER_YEARS = 3;

/** Why a flag was closed: the listing is no longer in force, or the serious listing followed. */
export type EscalationClosedReason = 'LISTING_ENDED' | 'SERIOUS_LISTED';

/**
 * The latest listing date that is due on `asOf`: listed on or before `asOf`
 * minus three years (a 29 February anniversary falls on the 28th, as
 * `addMonths` clamps).
 */
export function escalationCutoff(asOf: CalendarDate): CalendarDate {
  return addMonths(asOf, -12 * ESCALATION_AFTER_YEARS);
}

/** Whole years from `from` to `to` (0 if `to` is earlier than a year after `from`). */
export function fullYearsBetween(from: CalendarDate, to: CalendarDate): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (years > 0 && compareDates(addMonths(from, 12 * years), to) > 0) years--;
  return Math.max(0, years);
}

/**
 * Splits listings in force since on or before the cutoff: those to flag, and
 * those whose enterprise has since been put on the serious list (their flag,
 * if any, is closed).
 */
export function partitionDue<T extends { seriousListedOn: CalendarDate | null }>(
  listings: readonly T[],
): { due: T[]; seriousListed: T[] } {
  const due: T[] = [];
  const seriousListed: T[] = [];
  for (const l of listings) (l.seriousListedOn === null ? due : seriousListed).push(l);
  return { due, seriousListed };
}
