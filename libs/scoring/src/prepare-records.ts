import type { CompiledModel } from './compiled-model';
import { dayFromPacked, formatDay, NEVER, parseDay, parsePackedDate } from './day-number';
import { considerNext, ensureCapacity, state, windowEnd } from './evaluation-state';
import { InvalidProfileError } from './invalid-profile-error';
import type { CreditRecordInput, EnterpriseProfile } from './profile';
import { KIND, kindCode, NO_KIND, ratingCode, resultCode, severityCode } from './record-codes';
import { publicityStart, suspendedAtAsOf } from './record-in-force';

/**
 * One pass over the records: parses each date once, decides whether the record
 * counts at asOf, and registers the days on which that will change (a future
 * record starting, a publicity period ending).
 */
export function prepareRecords(profile: EnterpriseProfile, model: CompiledModel): void {
  const records = profile.records;
  const n = records.length;
  ensureCapacity(n);
  state.n = n;
  const asOf = state.asOf;
  const kinds = state.kind;
  for (let i = 0; i < n; i++) {
    const r = records[i];
    kinds[i] = NO_KIND;
    // A record that is not ACTIVE only comes back through new input.
    if (r.status !== 'ACTIVE') continue;
    const kind = kindCode(r.kind);
    if (kind === NO_KIND)
      throw new InvalidProfileError(profile.id, r.id, `unknown kind '${r.kind}'`);
    const packed = parsePackedDate(r.occurredOn);
    const day = dayFromPacked(packed);
    // Windows run from the publicity start (the record's date, or a revocation's).
    const start = r.publicityFrom ? publicityStart(r) : { day, packed };
    let attr = -1;
    let end = NEVER;
    switch (kind) {
      case KIND.PENALTY:
        attr = severityCode(r.severity);
        if (attr < 0)
          throw new InvalidProfileError(profile.id, r.id, 'penalty without a valid severity');
        end = penaltyEnd(r, start.day, start.packed, attr, model);
        break;
      case KIND.SERIOUS_DISHONESTY_LISTING:
        end = windowEnd(start.day, start.packed, model.seriousListingWindow);
        break;
      case KIND.INSPECTION:
        attr = resultCode(r.result);
        if (attr < 0)
          throw new InvalidProfileError(profile.id, r.id, 'inspection without a valid result');
        break;
      case KIND.TAX_RATING:
        attr = ratingCode(r.rating);
        if (attr < 0 || typeof r.year !== 'number') {
          throw new InvalidProfileError(
            profile.id,
            r.id,
            'tax rating without a valid rating and year',
          );
        }
        break;
      case KIND.ANNUAL_REPORT:
        if (typeof r.year !== 'number')
          throw new InvalidProfileError(profile.id, r.id, 'annual report without a year');
        break;
    }
    if (day > asOf) {
      considerNext(day);
      continue;
    }
    if (end <= asOf) continue;
    considerNext(end);
    if (suspendedAtAsOf(r)) continue;
    kinds[i] = kind;
    state.day[i] = day;
    state.packed[i] = packed;
    state.attr[i] = attr;
  }
}

/**
 * The day an active record stops being published by itself (its publicity
 * window, or a restrictive penalty's restriction, has ended), from the same
 * rule the evaluation counts it by; null when only a decision ends it (a
 * listing on the abnormal list) or the kind has no publicity window.
 */
export function publicityEndsOn(r: CreditRecordInput, model: CompiledModel): string | null {
  const kind = kindCode(r.kind);
  if (kind !== KIND.PENALTY && kind !== KIND.SERIOUS_DISHONESTY_LISTING) return null;
  const { day, packed } = publicityStart(r);
  if (kind === KIND.SERIOUS_DISHONESTY_LISTING) {
    return formatDay(windowEnd(day, packed, model.seriousListingWindow));
  }
  const severity = severityCode(r.severity);
  return severity < 0 ? null : formatDay(penaltyEnd(r, day, packed, severity, model));
}

/**
 * Publicity of a penalty: its severity's window from the decision date; a
 * restrictive one with an end date is in force at least through
 * `restrictionEndsOn` (so it stops the day after at the earliest).
 */
function penaltyEnd(
  r: CreditRecordInput,
  day: number,
  packed: number,
  severity: number,
  model: CompiledModel,
): number {
  const window = windowEnd(day, packed, model.penaltyWindows[severity]);
  // The longer of the two: a restriction never shortens the severity's publicity (a SERIOUS
  // penalty with a 6-month 停产停业 is published for 36 months), and a 5-year 限制从业 runs 5 years.
  if (model.restrictiveUntilRestrictionEnds && r.restrictive === true && r.restrictionEndsOn) {
    return Math.max(window, parseDay(r.restrictionEndsOn) + 1);
  }
  return window;
}
