import type { IndicatorCategory, Label, ModelDefinition, Tier } from './model-schema';

/**
 * The fast internal form of a model, built once at load (model-compiler.ts).
 * Every compiled indicator has the same object shape whatever its type, so the
 * engine's dispatch loop reads `op` from one hidden class instead of eight.
 */

/** Exactly one of the two is non-zero. */
export interface CompiledWindow {
  readonly days: number;
  readonly months: number;
}

export const Op = {
  EstablishmentAge: 0,
  ValueBins: 1,
  IndustryPrefix: 2,
  AnnualReport: 3,
  RecordCount: 4,
  RecordSum: 5,
  LatestRating: 6,
  LinkedListing: 7,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

/** `from` inclusive, `to` exclusive; open ends are -Infinity / Infinity. */
export interface CompiledBin {
  readonly from: number;
  readonly to: number;
  readonly points: number;
}

export interface CompiledIndicator {
  readonly code: string;
  readonly category: IndicatorCategory;
  readonly label: Label;
  readonly op: Op;
  /** establishmentAge, valueBins, recordCount */
  readonly bins: readonly CompiledBin[];
  /** establishmentAge: finite bin edges, ascending, distinct. */
  readonly edges: readonly number[];
  /** industryPrefix */
  readonly prefixes: readonly string[];
  /** industryPrefix, linkedListing: flat points; recordSum: points per record when not keyed. */
  readonly points: number;
  /** recordCount, recordSum, latestRating: record kind code; linkedListing: listing kind code. */
  readonly kind: number;
  /** recordCount, recordSum: look-back window, null when the record counts while in force. */
  readonly window: CompiledWindow | null;
  /** recordSum, latestRating: points by attribute code, or null when not keyed. */
  readonly pointsBy: readonly number[] | null;
  /** recordSum: cap on the subtotal of each attribute code (Infinity = none). */
  readonly subtotalCaps: readonly number[] | null;
  /** recordSum: total cap and floor (+-Infinity = none). */
  readonly cap: number;
  readonly floor: number;
  /** annualReport: due month-day as (month << 5 | day), in the year after the reported one. */
  readonly dueMonthDay: number;
  readonly onTime: number;
  readonly late: number;
  readonly missing: number;
  readonly notYetDue: number;
}

export type VetoEffect = `AT_MOST_${Tier}`;

export interface CompiledVeto {
  readonly code: string;
  readonly label: Label;
  readonly effect: VetoEffect;
  /** Index into TIERS of the best tier allowed. */
  readonly atMost: number;
  /** Enterprise status that triggers the veto, or null. */
  readonly status: string | null;
  /** Record kind code whose in-force records trigger the veto, or -1. */
  readonly kind: number;
}

export interface CompiledModel {
  readonly version: string;
  /** sha256 hex of the canonical JSON (sorted keys) of the parsed model. */
  readonly hash: string;
  readonly sourceFile: string;
  readonly definition: Readonly<ModelDefinition>;
  readonly base: number;
  readonly clampMin: number;
  readonly clampMax: number;
  /** Minimum scores of A, B and C. */
  readonly thresholdA: number;
  readonly thresholdB: number;
  readonly thresholdC: number;
  /** Publicity window of a penalty by severity code. */
  readonly penaltyWindows: readonly CompiledWindow[];
  readonly restrictiveUntilRestrictionEnds: boolean;
  readonly seriousListingWindow: CompiledWindow;
  readonly indicators: readonly CompiledIndicator[];
  readonly vetoes: readonly CompiledVeto[];
}
