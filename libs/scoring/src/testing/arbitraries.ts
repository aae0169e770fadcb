import fc from 'fast-check';
import { formatDay, parseDay } from '../day-number';
import type {
  CreditRecordInput,
  EnterpriseProfile,
  EnterpriseStatus,
  LinkedListingInput,
  RecordStatus,
} from '../profile';

/**
 * Random profiles for property tests. Dates cluster around asOf (a few years
 * back, a little ahead) so windows, publicity ends, due dates and future
 * records all fall near the dates the properties probe.
 */

const FIRST = parseDay('2016-01-01');
const LAST = parseDay('2030-12-31');

export const asOfArb: fc.Arbitrary<number> = fc.integer({ min: FIRST, max: LAST });

const recordStatus: fc.Arbitrary<RecordStatus> = fc.constantFrom(
  'ACTIVE',
  'ACTIVE',
  'ACTIVE',
  'ACTIVE',
  'REPAIRED',
  'EXPIRED',
  'REVOKED',
);

/** A day relative to asOf, mostly in the past, sometimes in the future. */
const offset = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -1300, max: 0 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 120 }) },
);

type RecordDraft = (asOf: number) => Omit<CreditRecordInput, 'id'>;

const penalty = fc
  .record({
    at: offset,
    status: recordStatus,
    severity: fc.constantFrom('MINOR', 'MODERATE', 'SERIOUS' as const),
    restrictive: fc.boolean(),
    restrictionDays: fc.option(fc.integer({ min: -30, max: 1500 })),
  })
  .map((r): RecordDraft => (asOf) => ({
    kind: 'PENALTY',
    occurredOn: formatDay(asOf + r.at),
    status: r.status,
    severity: r.severity,
    violationType: '虚假宣传',
    restrictive: r.restrictive,
    restrictionEndsOn:
      r.restrictionDays === null ? null : formatDay(asOf + r.at + r.restrictionDays),
  }));

const simpleKind = fc.constantFrom(
  'ABNORMAL_LISTING',
  'SERIOUS_DISHONESTY_LISTING',
  'COMPLAINT',
  'HONOR',
  'JUDGMENT_DEBTOR',
  'LEGAL_REP_CHANGE',
  'ADDRESS_CHANGE',
  'LEGAL_REP_CHANGE',
  'ADDRESS_CHANGE',
  'COMPLAINT',
);

const simple = fc
  .record({ at: offset, status: recordStatus, kind: simpleKind })
  .map((r): RecordDraft => (asOf) => ({
    kind: r.kind,
    occurredOn: formatDay(asOf + r.at),
    status: r.status,
  }));

const inspection = fc
  .record({
    at: offset,
    status: recordStatus,
    result: fc.constantFrom('PASS', 'PROBLEM', 'NOT_FOUND' as const),
  })
  .map((r): RecordDraft => (asOf) => ({
    kind: 'INSPECTION',
    occurredOn: formatDay(asOf + r.at),
    status: r.status,
    result: r.result,
  }));

const taxRating = fc
  .record({
    yearsBack: fc.integer({ min: 0, max: 4 }),
    at: offset,
    status: recordStatus,
    rating: fc.constantFrom('A', 'B', 'M', 'C', 'D' as const),
  })
  .map((r): RecordDraft => (asOf) => ({
    kind: 'TAX_RATING',
    occurredOn: formatDay(asOf + r.at),
    status: r.status,
    year: Number(formatDay(asOf).slice(0, 4)) - r.yearsBack,
    rating: r.rating,
  }));

/** Filed around its due date (30 June of the next year), early, on the day, or late. */
const annualReport = fc
  .record({
    yearsBack: fc.integer({ min: 1, max: 3 }),
    filed: fc.integer({ min: -120, max: 400 }),
    status: recordStatus,
  })
  .map((r): RecordDraft => (asOf) => {
    const year = Number(formatDay(asOf).slice(0, 4)) - r.yearsBack;
    return {
      kind: 'ANNUAL_REPORT',
      occurredOn: formatDay(parseDay(`${year + 1}-06-30`) + r.filed),
      status: r.status,
      year,
    };
  });

const recordDraft = fc.oneof(
  { weight: 3, arbitrary: penalty },
  { weight: 4, arbitrary: simple },
  { weight: 2, arbitrary: inspection },
  { weight: 1, arbitrary: taxRating },
  { weight: 2, arbitrary: annualReport },
);

const linkedDraft = fc
  .record({
    at: offset,
    status: recordStatus,
    kind: fc.constantFrom('SERIOUS_DISHONESTY_LISTING', 'ABNORMAL_LISTING' as const),
    enterpriseId: fc.constantFrom(1, 2, 3),
    recordId: fc.integer({ min: 9000, max: 9005 }),
  })
  .map((r) => (asOf: number): LinkedListingInput => ({
    enterpriseId: r.enterpriseId,
    recordId: r.recordId,
    kind: r.kind,
    occurredOn: formatDay(asOf + r.at),
    status: r.status,
  }));

/** Establishment: a leap day sometimes, else 0–15 years before asOf (rarely after). */
const established = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('2012-02-29', '2016-02-29', '2020-02-29', '2024-02-29') },
  {
    weight: 6,
    arbitrary: fc
      .integer({ min: -5600, max: 30 })
      .map((at) => (asOf: number) => formatDay(asOf + at)),
  },
);

export interface Scenario {
  profile: EnterpriseProfile;
  asOf: string;
}

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    asOf: asOfArb,
    established,
    status: fc.constantFrom<EnterpriseStatus>('ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'REVOKED'),
    capital: fc.oneof(
      fc.constantFrom(0, 999_999, 1_000_000, 9_999_999, 10_000_000),
      fc.integer({ min: 0, max: 50_000_000 }),
    ),
    industry: fc.constantFrom(
      'C1391',
      'C1469',
      'C2710',
      'C2614',
      'C3411',
      'F5211',
      'I6510',
      'C1610',
    ),
    records: fc.array(recordDraft, { maxLength: 8 }),
    linked: fc.array(linkedDraft, { maxLength: 3 }),
  })
  .map((s) => {
    const establishedOn = typeof s.established === 'string' ? s.established : s.established(s.asOf);
    const profile: EnterpriseProfile = {
      id: 1,
      uscc: '91110000600037341L',
      regionCode: '110000',
      industryCode: s.industry,
      type: 'LLC',
      registeredCapital: s.capital,
      establishedOn,
      status: s.status,
      records: s.records.map((draft, i) => ({ id: i + 1, ...draft(s.asOf) })),
      linkedListings: s.linked.map((draft) => draft(s.asOf)),
    };
    return { profile, asOf: formatDay(s.asOf) };
  });

/** An ACTIVE record of a kind that can only lower the score, dated on or before asOf. */
export function negativeRecordArb(asOf: string): fc.Arbitrary<CreditRecordInput> {
  const day = parseDay(asOf);
  return fc
    .record({
      at: fc.integer({ min: -1200, max: 0 }),
      kind: fc.constantFrom('PENALTY', 'ABNORMAL_LISTING', 'COMPLAINT' as const),
      severity: fc.constantFrom('MINOR', 'MODERATE', 'SERIOUS' as const),
      restrictive: fc.boolean(),
    })
    .map((r) => ({
      id: 777,
      kind: r.kind,
      occurredOn: formatDay(day + r.at),
      status: 'ACTIVE' as const,
      ...(r.kind === 'PENALTY' ? { severity: r.severity, restrictive: r.restrictive } : {}),
    }));
}
