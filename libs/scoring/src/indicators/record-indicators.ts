import type { Factor } from '../assessment';
import type { CompiledIndicator } from '../compiled-model';
import { considerNext, state, windowEnd } from '../evaluation-state';
import { binPoints, factor } from './factor';

/**
 * Indicators over the profile's own records. `state.kind[i]` already says
 * whether record i counts at asOf (ACTIVE, started, in force); a look-back
 * window further limits it to recent records.
 */

/** Subtotals by attribute code (at most 5 values), reused across calls. */
const subtotal = new Float64Array(8);
const present = new Uint8Array(8);

/** Whether record i lies in the indicator's window; registers the window's end. */
function inWindow(ind: CompiledIndicator, i: number): boolean {
  const w = ind.window;
  if (w === null) return true;
  const end = windowEnd(state.day[i], state.packed[i], w);
  if (end <= state.asOf) return false;
  considerNext(end);
  return true;
}

/** Number of counting records of a kind, binned. */
export function recordCount(ind: CompiledIndicator): Factor {
  const records = state.profile.records;
  const kind = state.kind;
  let count = 0;
  let ids: number[] | null = null;
  for (let i = 0; i < state.n; i++) {
    if (kind[i] !== ind.kind || !inWindow(ind, i)) continue;
    count++;
    (ids ??= []).push(records[i].id);
  }
  return factor(ind, binPoints(ind.bins, count), ids);
}

/**
 * Points per counting record (flat, or by severity / result / rating), each
 * attribute's subtotal capped, then the total capped and floored.
 */
export function recordSum(ind: CompiledIndicator): Factor {
  const records = state.profile.records;
  const kind = state.kind;
  const attr = state.attr;
  const by = ind.pointsBy;
  let total = 0;
  let ids: number[] | null = null;
  if (by !== null) present.fill(0);
  for (let i = 0; i < state.n; i++) {
    if (kind[i] !== ind.kind || !inWindow(ind, i)) continue;
    (ids ??= []).push(records[i].id);
    if (by === null) {
      total += ind.points;
    } else {
      const a = attr[i];
      if (present[a] === 0) {
        present[a] = 1;
        subtotal[a] = 0;
      }
      subtotal[a] += by[a];
    }
  }
  if (by !== null && ids !== null) {
    const caps = ind.subtotalCaps as readonly number[];
    for (let a = 0; a < by.length; a++) {
      if (present[a] !== 0) total += subtotal[a] < caps[a] ? subtotal[a] : caps[a];
    }
  }
  if (total > ind.cap) total = ind.cap;
  if (total < ind.floor) total = ind.floor;
  return factor(ind, total, ids);
}

/** The rating of the latest counting record by year (then by date, then by position). */
export function latestRating(ind: CompiledIndicator): Factor {
  const records = state.profile.records;
  const kind = state.kind;
  const day = state.day;
  let best = -1;
  let bestYear = 0;
  for (let i = 0; i < state.n; i++) {
    if (kind[i] !== ind.kind) continue;
    const year = records[i].year as number;
    if (best < 0 || year > bestYear || (year === bestYear && day[i] >= day[best])) {
      best = i;
      bestYear = year;
    }
  }
  if (best < 0) return factor(ind, 0, null);
  return factor(ind, (ind.pointsBy as readonly number[])[state.attr[best]], [records[best].id]);
}
