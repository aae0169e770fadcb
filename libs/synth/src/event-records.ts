import type { PenaltySeverity, RecordStatus, TaxRating } from '@app/scoring';
import { dayOf, yearOf } from './calendar';
import type { EnterpriseDraft } from './enterprise-factory';
import type { GenerationRates } from './generation-rates';
import { isHighRiskIndustry } from './industries.data';
import {
  ABNORMAL_REASONS,
  HONOR_TITLES,
  JUDGMENT_REASONS,
  SERIOUS_REASONS,
  VIOLATION_TYPES,
  VIOLATION_TABLE,
} from './names.data';
import type { Prng } from './prng';
import type { RecordSink } from './record-factory';

const YEAR = 365.25;
const SEVERITIES: readonly PenaltySeverity[] = ['MINOR', 'MODERATE', 'SERIOUS'];
/** Publicity windows in days (MINOR 3 months, MODERATE 1 year, SERIOUS 3 years). */
const PUBLICITY = [91, 365, 1095];
/** Earliest early end of publicity (MODERATE 3 months, SERIOUS 1 year); MINOR is not repairable. */
const REPAIRABLE_AFTER = [Infinity, 91, 365];
const TAX_RATINGS: readonly TaxRating[] = ['A', 'B', 'M', 'C', 'D'];

/**
 * Dated events of the last `lookbackYears`: Poisson counts at the yearly
 * rates (scaled by the risk class), uniform dates. Older events are left out:
 * no indicator reads them and they would only bloat the tables.
 */
export function eventRecords(
  prng: Prng,
  rates: GenerationRates,
  draft: EnterpriseDraft,
  asOfDay: number,
  sink: RecordSink,
): void {
  const cls = draft.riskClass;
  const end = draft.endDay;
  const start = Math.max(draft.establishedDay, asOfDay - Math.round(rates.lookbackYears * YEAR));
  if (end < start) return;
  const years = (end - start + 1) / YEAR;
  const f = cls.eventFactor;
  const day = () => prng.int(start, end);

  for (let n = prng.poisson(rates.penaltyPerYear * f * years); n > 0; n--) {
    penalty(prng, rates, draft, asOfDay, day(), sink);
  }

  // Risk-based supervision inspects risky firms somewhat more often.
  for (let n = prng.poisson(rates.inspectionPerYear * Math.sqrt(f) * years); n > 0; n--) {
    const at = day();
    const result = (['PASS', 'PROBLEM', 'NOT_FOUND'] as const)[prng.weighted(cls.inspection)];
    sink.inspection(at, result);
    if (result !== 'NOT_FOUND') continue;
    // Unreachable at the registered address: listed; removed once the address is corrected.
    const listed = at + prng.int(7, 45);
    if (listed > end) continue;
    const moved = prng.chance(0.5) ? listed + prng.int(10, 120) : Infinity;
    if (moved <= end) sink.change('ADDRESS_CHANGE', moved);
    sink.listing(
      'ABNORMAL_LISTING',
      listed,
      moved <= end ? 'REPAIRED' : 'ACTIVE',
      ABNORMAL_REASONS.unreachable,
    );
  }

  const complaintRate =
    rates.complaintPerYear *
    f *
    (draft.industry.consumerFacing ? rates.consumerComplaintFactor : 1);
  for (let n = prng.poisson(complaintRate * years); n > 0; n--) sink.complaint(day());

  changes(prng, rates, draft, asOfDay, start, years, sink);

  // Found unreachable by other means than an inspection (mail returned, checks), or hiding facts.
  for (let n = prng.poisson(rates.otherAbnormalPerYear * Math.sqrt(f) * years); n > 0; n--) {
    const at = day();
    const u = prng.float();
    const reason =
      u < 0.7
        ? ABNORMAL_REASONS.unreachable
        : u < 0.85
          ? ABNORMAL_REASONS.concealment
          : ABNORMAL_REASONS.order;
    // Most firms correct the cause and are removed within months.
    const active = prng.chance(0.3 + 0.7 * Math.exp(-(asOfDay - at) / 180));
    sink.listing('ABNORMAL_LISTING', at, active ? 'ACTIVE' : 'REPAIRED', reason);
  }

  for (let n = prng.poisson(rates.seriousListingPerYear * f * years); n > 0; n--) {
    const at = day();
    const age = asOfDay - at;
    const status: RecordStatus =
      age > 1095 && prng.chance(rates.expiredShare)
        ? 'EXPIRED'
        : age > 365 && prng.chance(rates.repairedShare)
          ? 'REPAIRED'
          : 'ACTIVE';
    sink.listing('SERIOUS_DISHONESTY_LISTING', at, status, prng.pick(SERIOUS_REASONS.other));
  }

  for (let n = prng.poisson(rates.judgmentDebtorPerYear * f * years); n > 0; n--) {
    const at = day();
    // Removed from the list once the judgment is performed.
    const status: RecordStatus = prng.chance(rates.revokedShare)
      ? 'REVOKED'
      : asOfDay - at > 180 && prng.chance(0.4)
        ? 'EXPIRED'
        : 'ACTIVE';
    sink.listing('JUDGMENT_DEBTOR', at, status, prng.pick(JUDGMENT_REASONS));
  }

  // Honours go to firms with a track record; most are valid for 2 years.
  const honorFrom = Math.max(start, draft.establishedDay + 730);
  if (cls.honorPerYear > 0 && honorFrom <= end) {
    for (let n = prng.poisson((cls.honorPerYear * (end - honorFrom + 1)) / YEAR); n > 0; n--) {
      const at = prng.int(honorFrom, end);
      const status: RecordStatus = asOfDay - at > 730 && prng.chance(0.8) ? 'EXPIRED' : 'ACTIVE';
      sink.honor(at, status, prng.pick(HONOR_TITLES));
    }
  }

  taxRatings(prng, rates, draft, asOfDay, sink);
}

function penalty(
  prng: Prng,
  rates: GenerationRates,
  draft: EnterpriseDraft,
  asOfDay: number,
  at: number,
  sink: RecordSink,
): void {
  const s = prng.weighted(rates.severity);
  const violation =
    isHighRiskIndustry(draft.industry.code) && prng.chance(0.4)
      ? draft.industry.code.startsWith('C1')
        ? '食品安全'
        : '产品质量'
      : VIOLATION_TYPES[prng.fromTable(VIOLATION_TABLE)];
  const restrictionEnds =
    s > 0 && prng.chance(rates.restrictiveShare) ? at + prng.int(180, 1095) : null;
  const publicityEnds = restrictionEnds ?? at + PUBLICITY[s];
  const age = asOfDay - at;
  const status: RecordStatus = prng.chance(rates.revokedShare)
    ? 'REVOKED'
    : publicityEnds < asOfDay && prng.chance(rates.expiredShare)
      ? 'EXPIRED'
      : restrictionEnds === null &&
          age >= REPAIRABLE_AFTER[s] &&
          publicityEnds >= asOfDay &&
          prng.chance(rates.repairedShare)
        ? 'REPAIRED'
        : 'ACTIVE';
  const amount =
    s === 0
      ? prng.chance(0.3)
        ? 0
        : prng.int(5, 200) * 100
      : s === 1
        ? prng.int(10, 300) * 1000
        : prng.int(20, 500) * 10_000;
  const documentNo = `${draft.region.docPrefix}市监处罚〔${yearOf(at)}〕${prng.int(1, 2999)}号`;
  sink.penalty(at, status, SEVERITIES[s], violation, restrictionEnds, amount, documentNo);
}

/** Legal-representative and address changes; risky firms sometimes change several times in a year. */
function changes(
  prng: Prng,
  rates: GenerationRates,
  draft: EnterpriseDraft,
  asOfDay: number,
  start: number,
  years: number,
  sink: RecordSink,
): void {
  const end = draft.endDay;
  const g = Math.sqrt(draft.riskClass.eventFactor);
  for (let n = prng.poisson(rates.legalRepChangePerYear * g * years); n > 0; n--) {
    sink.change('LEGAL_REP_CHANGE', prng.int(start, end));
  }
  for (let n = prng.poisson(rates.addressChangePerYear * g * years); n > 0; n--) {
    sink.change('ADDRESS_CHANGE', prng.int(start, end));
  }
  const recent = Math.max(start, asOfDay - 364);
  if (recent <= end && prng.chance(draft.riskClass.changeBurst)) {
    const kind = prng.chance(0.6) ? 'LEGAL_REP_CHANGE' : 'ADDRESS_CHANGE';
    for (let n = prng.int(2, 3); n > 0; n--) sink.change(kind, prng.int(recent, end));
  }
}

/** Tax credit ratings of the last 3 years, published in April; new taxpayers are rated M. */
function taxRatings(
  prng: Prng,
  rates: GenerationRates,
  draft: EnterpriseDraft,
  asOfDay: number,
  sink: RecordSink,
): void {
  if (!prng.chance(draft.type.kind === '1' ? rates.taxCoverage : rates.taxCoverageOther)) return;
  const lastYear = yearOf(asOfDay) - 1;
  for (let year = Math.max(yearOf(draft.establishedDay), lastYear - 2); year <= lastYear; year++) {
    const published = dayOf(year + 1, 4, 1) + prng.int(0, 29);
    if (published > draft.endDay) break;
    const isNew = draft.establishedDay > dayOf(year, 1, 1);
    const rating = isNew ? 'M' : TAX_RATINGS[prng.weighted(draft.riskClass.tax)];
    sink.taxRating(published, year, rating);
  }
}
