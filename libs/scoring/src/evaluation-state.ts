import type { CompiledModel, CompiledWindow } from './compiled-model';
import { addMonths, NEVER } from './day-number';
import type { EnterpriseProfile } from './profile';

/**
 * Scratch state of the evaluation in progress, reused across calls so the hot
 * path allocates no per-record objects. Safe because `evaluate` is synchronous
 * and calls no user code: one evaluation runs at a time per thread.
 *
 * Per record i (of `profile.records`): `kind[i]` is its kind code if the record
 * counts at asOf (ACTIVE, started, still in force), else NO_KIND; `day`,
 * `packed` and `attr` hold its parsed date and attribute code.
 */
export interface EvaluationState {
  profile: EnterpriseProfile;
  model: CompiledModel;
  asOf: number;
  asOfPacked: number;
  establishedPacked: number;
  n: number;
  kind: Uint8Array;
  day: Int32Array;
  packed: Int32Array;
  attr: Int8Array;
  /** The earliest day > asOf on which something may change, NEVER if none yet. */
  next: number;
}

export const state: EvaluationState = {
  profile: null as unknown as EnterpriseProfile,
  model: null as unknown as CompiledModel,
  asOf: 0,
  asOfPacked: 0,
  establishedPacked: 0,
  n: 0,
  kind: new Uint8Array(32),
  day: new Int32Array(32),
  packed: new Int32Array(32),
  attr: new Int8Array(32),
  next: NEVER,
};

export function ensureCapacity(n: number): void {
  if (state.kind.length >= n) return;
  const size = Math.max(n, state.kind.length * 2);
  state.kind = new Uint8Array(size);
  state.day = new Int32Array(size);
  state.packed = new Int32Array(size);
  state.attr = new Int8Array(size);
}

/** Records a day on which the result may change; only days after asOf matter. */
export function considerNext(day: number): void {
  if (day > state.asOf && day < state.next) state.next = day;
}

/** The first day a record dated (`day`, `packed`) no longer falls in the window. */
export function windowEnd(day: number, packed: number, w: CompiledWindow): number {
  return w.months > 0 ? addMonths(packed, w.months) : day + w.days;
}
