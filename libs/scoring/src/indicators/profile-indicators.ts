import type { Factor } from '../assessment';
import type { CompiledIndicator } from '../compiled-model';
import { anniversary, fullYearsBetween } from '../day-number';
import { considerNext, state } from '../evaluation-state';
import { binPoints, factor } from './factor';

/** Indicators read from the enterprise itself rather than its records. */

/** Whole years since establishment, binned; changes on the anniversary that reaches a bin edge. */
export function establishmentAge(ind: CompiledIndicator): Factor {
  const years = fullYearsBetween(state.establishedPacked, state.asOfPacked);
  const edges = ind.edges;
  for (let i = 0; i < edges.length; i++) {
    if (edges[i] > years) {
      considerNext(anniversary(state.establishedPacked, edges[i]));
      break;
    }
  }
  return factor(ind, binPoints(ind.bins, years), null);
}

/** A number of the profile (registered capital), binned. Never changes by itself. */
export function valueBins(ind: CompiledIndicator): Factor {
  return factor(ind, binPoints(ind.bins, state.profile.registeredCapital), null);
}

/** Points when the industry code starts with any configured prefix. */
export function industryPrefix(ind: CompiledIndicator): Factor {
  const code = state.profile.industryCode;
  const prefixes = ind.prefixes;
  for (let i = 0; i < prefixes.length; i++) {
    if (code.startsWith(prefixes[i])) return factor(ind, ind.points, null);
  }
  return factor(ind, 0, null);
}
