import type { AppliedVeto, Assessment, Factor } from './assessment';
import { NO_RECORD_IDS } from './assessment';
import type { CompiledIndicator, CompiledModel, CompiledVeto } from './compiled-model';
import { Op } from './compiled-model';
import { dayFromPacked, formatDay, NEVER, parsePackedDate } from './day-number';
import { state } from './evaluation-state';
import { annualReport } from './indicators/annual-report';
import { linkedListing } from './indicators/linked-listing';
import { establishmentAge, industryPrefix, valueBins } from './indicators/profile-indicators';
import { latestRating, recordCount, recordSum } from './indicators/record-indicators';
import { TIERS } from './model-schema';
import { prepareRecords } from './prepare-records';
import type { EnterpriseProfile } from './profile';

const NO_VETOES: readonly AppliedVeto[] = Object.freeze([]);

/**
 * Scores one enterprise at `asOf` (YYYY-MM-DD) under a model. Returns null for
 * a CANCELLED enterprise, which is not classified. Pure: same inputs, same
 * bytes. Throws RangeError on a malformed date and InvalidProfileError on a
 * record missing what its kind needs.
 */
export function evaluate(
  profile: EnterpriseProfile,
  model: CompiledModel,
  asOf: string,
): Assessment | null {
  if (profile.status === 'CANCELLED') return null;
  state.profile = profile;
  state.model = model;
  state.asOfPacked = parsePackedDate(asOf);
  state.asOf = dayFromPacked(state.asOfPacked);
  state.establishedPacked = parsePackedDate(profile.establishedOn);
  state.next = NEVER;
  prepareRecords(profile, model);

  const indicators = model.indicators;
  const factors = new Array<Factor>(indicators.length);
  let raw = model.base;
  for (let i = 0; i < indicators.length; i++) {
    const f = evaluateIndicator(indicators[i]);
    factors[i] = f;
    raw += f.points;
  }
  const score = raw < model.clampMin ? model.clampMin : raw > model.clampMax ? model.clampMax : raw;
  let tier =
    score >= model.thresholdA
      ? 0
      : score >= model.thresholdB
        ? 1
        : score >= model.thresholdC
          ? 2
          : 3;

  let vetoes = NO_VETOES as AppliedVeto[];
  const vs = model.vetoes;
  for (let i = 0; i < vs.length; i++) {
    const applied = applyVeto(vs[i]);
    if (applied === null) continue;
    if (vetoes === NO_VETOES) vetoes = [];
    vetoes.push(applied);
    if (vs[i].atMost > tier) tier = vs[i].atMost;
  }

  return {
    enterpriseId: profile.id,
    uscc: profile.uscc,
    score,
    tier: TIERS[tier],
    rawScore: raw,
    factors,
    vetoes,
    modelVersion: model.version,
    modelHash: model.hash,
    asOf,
    nextReviewOn: state.next === NEVER ? null : formatNext(state.next),
  };
}

// Most profiles of a run share their next review day (the annual-report
// rollover), so the last one formatted is kept.
let lastNextDay = NEVER;
let lastNextText = '';
function formatNext(day: number): string {
  if (day !== lastNextDay) {
    lastNextDay = day;
    lastNextText = formatDay(day);
  }
  return lastNextText;
}

function evaluateIndicator(ind: CompiledIndicator): Factor {
  switch (ind.op) {
    case Op.EstablishmentAge:
      return establishmentAge(ind);
    case Op.ValueBins:
      return valueBins(ind);
    case Op.IndustryPrefix:
      return industryPrefix(ind);
    case Op.AnnualReport:
      return annualReport(ind);
    case Op.RecordCount:
      return recordCount(ind);
    case Op.RecordSum:
      return recordSum(ind);
    case Op.LatestRating:
      return latestRating(ind);
    case Op.LinkedListing:
      return linkedListing(ind);
  }
}

/** The veto if its condition holds at asOf, with the records behind it. */
function applyVeto(v: CompiledVeto): AppliedVeto | null {
  if (v.status !== null) {
    return state.profile.status === v.status
      ? { code: v.code, effect: v.effect, label: v.label, recordIds: NO_RECORD_IDS }
      : null;
  }
  const records = state.profile.records;
  const kind = state.kind;
  let ids: number[] | null = null;
  for (let i = 0; i < state.n; i++) {
    if (kind[i] === v.kind) (ids ??= []).push(records[i].id);
  }
  return ids === null ? null : { code: v.code, effect: v.effect, label: v.label, recordIds: ids };
}
