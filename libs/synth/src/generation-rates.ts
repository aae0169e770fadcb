/**
 * Default rates of the synthetic population. They are calibrated so that the
 * default model (samr-general-v1) classifies a population roughly like the
 * published Dandong distribution (A 65%, B 25%, C 7.7%, D 1.5%); see
 * tier-calibration.spec.ts. Change them here (or pass `rates`), never the model.
 * Calibrated at asOf 2026-06-30 (1M enterprises: A 64.8%, B 25.4%, C 7.7%,
 * D 2.1%). Shares follow the annual-report calendar: after non-filers are
 * listed in July/August, D peaks near 3.3% and B dips to ~21% (Aug–Oct).
 *
 * Each enterprise draws a latent risk class: behaviour clusters in real
 * registers (a firm that skips its annual report is also the one that cannot
 * be reached at its address, changes legal representative, gets complaints).
 */

export type RiskClassName = 'LOW' | 'MEDIUM' | 'HIGH';

/** Weights over [A, B, M, C, D]. */
export type TaxWeights = readonly [number, number, number, number, number];

export interface RiskClassRates {
  name: RiskClassName;
  weight: number;
  /** Multiplies the yearly rates of penalties, complaints, listings and judgments. */
  eventFactor: number;
  /** Annual report of a year: P(on time), P(late); missing is the rest. */
  reportOnTime: number;
  reportLate: number;
  /** P(missing again) once a year was missed: non-filers tend to stay dormant. */
  reportMissingAgain: number;
  /** P(a firm that files again also files the years it missed, leaving the abnormal list). */
  reportCatchUp: number;
  /** Inspection results [PASS, PROBLEM, NOT_FOUND]. */
  inspection: readonly [number, number, number];
  tax: TaxWeights;
  /** P(one of its persons is also linked to a nearby enterprise). */
  sharePerson: number;
  /** P(a burst of 2–3 legal-representative or address changes within the last year). */
  changeBurst: number;
  /** Honours per year (only enterprises older than 2 years). */
  honorPerYear: number;
}

export interface GenerationRates {
  riskClasses: readonly RiskClassRates[];
  /** Shares of enterprise status; REVOKED enterprises are always HIGH risk. */
  revoked: number;
  cancelled: number;
  /** Age in years: exponential with this mean, truncated at maxAgeYears. */
  meanAgeYears: number;
  maxAgeYears: number;
  /** Registered capital: log-normal with this median (CNY) and sigma, clamped. */
  capitalMedian: number;
  capitalSigma: number;
  capitalMin: number;
  capitalMax: number;
  /** Event records are generated for the last N years only (older ones no longer count anywhere). */
  lookbackYears: number;
  /** Yearly rates before the class factor. */
  penaltyPerYear: number;
  severity: readonly [minor: number, moderate: number, serious: number];
  /** Share of MODERATE/SERIOUS penalties that are restrictive (吊销许可证, 责令停产停业…). */
  restrictiveShare: number;
  inspectionPerYear: number;
  complaintPerYear: number;
  /** Complaint multiplier of consumer-facing industries. */
  consumerComplaintFactor: number;
  legalRepChangePerYear: number;
  addressChangePerYear: number;
  /** Abnormal listings for other causes than annual reports and unreachable addresses. */
  otherAbnormalPerYear: number;
  seriousListingPerYear: number;
  judgmentDebtorPerYear: number;
  /** Share of companies (kind 1) and of other entities with a published tax rating. */
  taxCoverage: number;
  taxCoverageOther: number;
  /** Record lifecycle: share REPAIRED among repairable records, EXPIRED among expired ones, REVOKED overall. */
  repairedShare: number;
  expiredShare: number;
  revokedShare: number;
}

export const DEFAULT_RATES: Readonly<GenerationRates> = Object.freeze<GenerationRates>({
  riskClasses: [
    {
      name: 'LOW',
      weight: 0.76,
      eventFactor: 0.5,
      reportOnTime: 0.97,
      reportLate: 0.025,
      reportMissingAgain: 0.25,
      reportCatchUp: 0.95,
      inspection: [0.93, 0.06, 0.01],
      tax: [0.22, 0.62, 0.14, 0.015, 0.005],
      sharePerson: 0.03,
      changeBurst: 0.005,
      honorPerYear: 0.02,
    },
    {
      name: 'MEDIUM',
      weight: 0.2,
      eventFactor: 1.5,
      reportOnTime: 0.9,
      reportLate: 0.06,
      reportMissingAgain: 0.15,
      reportCatchUp: 0.85,
      inspection: [0.8, 0.12, 0.08],
      tax: [0.08, 0.6, 0.2, 0.09, 0.03],
      sharePerson: 0.08,
      changeBurst: 0.03,
      honorPerYear: 0.004,
    },
    {
      name: 'HIGH',
      weight: 0.04,
      eventFactor: 4,
      reportOnTime: 0.7,
      reportLate: 0.15,
      reportMissingAgain: 0.2,
      reportCatchUp: 0.7,
      inspection: [0.65, 0.25, 0.1],
      tax: [0.01, 0.45, 0.2, 0.24, 0.1],
      sharePerson: 0.2,
      changeBurst: 0.12,
      honorPerYear: 0,
    },
  ],
  revoked: 0.01,
  cancelled: 0.02,
  meanAgeYears: 9,
  maxAgeYears: 30,
  capitalMedian: 3_000_000,
  capitalSigma: 1.5,
  capitalMin: 10_000,
  capitalMax: 100_000_000,
  lookbackYears: 5,
  penaltyPerYear: 0.04,
  severity: [0.65, 0.3, 0.05],
  restrictiveShare: 0.06,
  inspectionPerYear: 0.12,
  complaintPerYear: 0.08,
  consumerComplaintFactor: 3,
  legalRepChangePerYear: 0.06,
  addressChangePerYear: 0.07,
  otherAbnormalPerYear: 0.05,
  seriousListingPerYear: 0.001,
  judgmentDebtorPerYear: 0.003,
  taxCoverage: 0.9,
  taxCoverageOther: 0.2,
  repairedShare: 0.15,
  expiredShare: 0.6,
  revokedShare: 0.015,
});
