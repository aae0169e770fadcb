import type { Factor } from '../assessment';
import type { CompiledIndicator } from '../compiled-model';
import { dayFromPacked, NEVER, parsePackedDate } from '../day-number';
import { considerNext, state, windowEnd } from '../evaluation-state';
import { KIND, kindCode } from '../record-codes';
import { publicityStart, suspendedAtAsOf } from '../record-in-force';
import { factor } from './factor';

/**
 * Points once if any other enterprise sharing a linked person has a listing of
 * the kind in force at asOf, under the same in-force rules as own records (a
 * serious dishonest listing for its window, an abnormal listing while ACTIVE).
 * A listing of this very enterprise is ignored: it is not a relation.
 */
export function linkedListing(ind: CompiledIndicator): Factor {
  const profile = state.profile;
  const listings = profile.linkedListings;
  const asOf = state.asOf;
  let ids: number[] | null = null;
  for (let i = 0; i < listings.length; i++) {
    const l = listings[i];
    if (l.status !== 'ACTIVE' || l.enterpriseId === profile.id || kindCode(l.kind) !== ind.kind)
      continue;
    const day = dayFromPacked(parsePackedDate(l.occurredOn));
    if (day > asOf) {
      considerNext(day);
      continue;
    }
    const start = publicityStart(l);
    const end =
      ind.kind === KIND.SERIOUS_DISHONESTY_LISTING
        ? windowEnd(start.day, start.packed, state.model.seriousListingWindow)
        : NEVER;
    if (end <= asOf) continue;
    considerNext(end);
    if (suspendedAtAsOf(l)) continue;
    // The same listing may reach us through several linked persons.
    if (ids === null) ids = [l.recordId];
    else if (!ids.includes(l.recordId)) ids.push(l.recordId);
  }
  return factor(ind, ids === null ? 0 : ind.points, ids);
}
