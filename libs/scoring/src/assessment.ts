import type { VetoEffect } from './compiled-model';
import type { IndicatorCategory, Label, Tier } from './model-schema';

/**
 * The engine's output: a score, a tier and the complete explanation. Labels
 * are the model's own (frozen) objects, shared by every assessment.
 */
export interface Factor {
  readonly code: string;
  readonly category: IndicatorCategory;
  readonly label: Label;
  readonly points: number;
  /** The records (for L1/L2: the linked enterprises' records) behind the points. */
  readonly recordIds: readonly number[];
}

export interface AppliedVeto {
  readonly code: string;
  readonly effect: VetoEffect;
  readonly label: Label;
  readonly recordIds: readonly number[];
}

export interface Assessment {
  readonly enterpriseId: number;
  readonly uscc: string;
  /** clamp(min, max, base + Σ factor points) */
  readonly score: number;
  /** The tier by threshold, then capped by the vetoes. */
  readonly tier: Tier;
  /** base + Σ factor points before clamping. */
  readonly rawScore?: number;
  /** Every indicator of the model, in model order, including those at 0 points. */
  readonly factors: readonly Factor[];
  /** Every veto whose condition holds, in model order, even if the score tier is already worse. */
  readonly vetoes: readonly AppliedVeto[];
  readonly modelVersion: string;
  readonly modelHash: string;
  readonly asOf: string;
  /** The first day after asOf on which the result may change with no new input; null if never. */
  readonly nextReviewOn: string | null;
}

/** Shared by every factor and veto without records; frozen so nobody can push into it. */
export const NO_RECORD_IDS: readonly number[] = Object.freeze([]);
