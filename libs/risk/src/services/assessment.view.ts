import type { CompiledModel, Label } from '@app/scoring';
import { parseJsonColumn } from '@app/core';
import { StoredFactor, StoredVeto } from './stored-assessment';

export interface FactorView {
  code: string;
  category: string | null;
  label: Label | null;
  points: number;
  recordIds: number[];
}

export interface AssessmentView {
  uscc: string;
  tier: string;
  score: number;
  modelVersion: string;
  modelHash: string;
  asOf: string;
  assessedAt: string | null;
  nextReviewOn: string | null;
  /** The model's starting score, so base + Σ factor points = score (before clamping). */
  base: number | null;
  /** The model's minimum scores of A, B and C. */
  thresholds: { A: number; B: number; C: number } | null;
  factors: FactorView[];
  vetoes: { code: string; effect: string; label: Label | null; recordIds: number[] }[];
}

export interface AssessmentRow {
  tier: string;
  score: number;
  model_version: string;
  model_hash: string;
  as_of: string;
  next_review_on: string | null;
  factors: unknown;
  vetoes: unknown;
  assessed_at?: Date;
  created_at?: Date;
}

/** A stored assessment with labels and categories restored from its model file. */
export function assessmentView(
  uscc: string,
  row: AssessmentRow,
  model: CompiledModel | undefined,
): AssessmentView {
  const assessedAt = row.assessed_at ?? row.created_at;
  return {
    uscc,
    tier: row.tier,
    score: Number(row.score),
    modelVersion: row.model_version,
    modelHash: row.model_hash,
    asOf: row.as_of,
    assessedAt: assessedAt ? new Date(assessedAt).toISOString() : null,
    nextReviewOn: row.next_review_on,
    base: model?.base ?? null,
    thresholds: model ? { A: model.thresholdA, B: model.thresholdB, C: model.thresholdC } : null,
    factors: expandFactors(parseJsonColumn<StoredFactor[]>(row.factors), model),
    vetoes: parseJsonColumn<StoredVeto[]>(row.vetoes).map((v) => ({
      code: v.code,
      effect: v.effect,
      label: model?.vetoes.find((d) => d.code === v.code)?.label ?? null,
      recordIds: v.recordIds,
    })),
  };
}

/** Every indicator of the model in model order, those not stored at 0 points. */
function expandFactors(stored: StoredFactor[], model: CompiledModel | undefined): FactorView[] {
  if (!model) {
    return stored.map((f) => ({
      code: f.code,
      category: null,
      label: null,
      points: f.points,
      recordIds: f.recordIds ?? [],
    }));
  }
  const byCode = new Map(stored.map((f) => [f.code, f]));
  return model.indicators.map(({ code, category, label }) => {
    const f = byCode.get(code);
    return { code, category, label, points: f?.points ?? 0, recordIds: f?.recordIds ?? [] };
  });
}
