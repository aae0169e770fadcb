import { dayOf, yearOf } from './calendar';
import type { EnterpriseDraft } from './enterprise-factory';
import type { GenerationRates } from './generation-rates';
import { ABNORMAL_REASONS, SERIOUS_REASONS } from './names.data';
import type { Prng } from './prng';
import type { RecordSink } from './record-factory';

/**
 * Annual reports (企业年报) and what follows from not filing them, as the
 * register does it: a report of year Y is due 1 Jan – 30 Jun of Y+1; a firm
 * that has not filed is put on the abnormal list in July/August; filing late
 * removes it (listing REPAIRED); three years on the list without filing moves
 * it to the serious dishonest list. Firms report from their founding year on.
 */
export function annualReportRecords(
  prng: Prng,
  rates: GenerationRates,
  draft: EnterpriseDraft,
  asOfDay: number,
  sink: RecordSink,
): void {
  const cls = draft.riskClass;
  const end = draft.endDay;
  const lastYear = yearOf(asOfDay) - 1;
  // Listed years still unfiled: a firm that resumes filing often files them too (补报) and is removed.
  const unfiled: { year: number; listed: number }[] = [];
  let missedPrevious = false;
  const firstYear = Math.max(yearOf(draft.establishedDay), lastYear - rates.lookbackYears + 1);
  for (let year = firstYear; year <= lastYear; year++) {
    const opens = dayOf(year + 1, 1, 1);
    if (opens > end) break;
    const due = dayOf(year + 1, 6, 30);
    let outcome: 'ON_TIME' | 'LATE' | 'MISSING';
    if (missedPrevious) {
      outcome = prng.chance(cls.reportMissingAgain)
        ? 'MISSING'
        : prng.chance(0.7)
          ? 'ON_TIME'
          : 'LATE';
    } else {
      const u = prng.float();
      outcome =
        u < cls.reportOnTime
          ? 'ON_TIME'
          : u < cls.reportOnTime + cls.reportLate
            ? 'LATE'
            : 'MISSING';
    }
    missedPrevious = outcome === 'MISSING';
    const listed = due + prng.int(1, 60); // listing runs in July/August
    // Most firms file in the last weeks before the deadline.
    const filed =
      outcome === 'ON_TIME'
        ? opens + Math.floor(180 * Math.sqrt(prng.float()))
        : outcome === 'LATE'
          ? due + 1 + Math.floor(365 * prng.float() ** 2) // most within weeks of being listed
          : Infinity;
    if (filed <= end) {
      sink.annualReport(filed, year);
      if (unfiled.length > 0 && prng.chance(cls.reportCatchUp)) {
        for (const u of unfiled) {
          sink.annualReport(filed, u.year);
          sink.listing('ABNORMAL_LISTING', u.listed, 'REPAIRED', ABNORMAL_REASONS.annualReport);
        }
        unfiled.length = 0;
      }
    }
    if (outcome === 'ON_TIME' || listed > end || filed < listed) continue; // not listed (yet)
    if (filed <= end)
      sink.listing('ABNORMAL_LISTING', listed, 'REPAIRED', ABNORMAL_REASONS.annualReport);
    else unfiled.push({ year, listed });
  }
  for (const u of unfiled)
    sink.listing('ABNORMAL_LISTING', u.listed, 'ACTIVE', ABNORMAL_REASONS.annualReport);
  // 届满3年仍未履行: moved to the serious dishonest list.
  if (unfiled.length > 0) {
    const moved = unfiled[0].listed + 1096 + prng.int(0, 30);
    if (moved <= end) {
      sink.listing(
        'SERIOUS_DISHONESTY_LISTING',
        moved,
        'ACTIVE',
        SERIOUS_REASONS.abnormalThreeYears,
      );
    }
  }
}
