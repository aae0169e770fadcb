import { evaluate } from './evaluate';
import { InvalidProfileError } from './invalid-profile-error';
import { parseModel } from './model-loader';
import type { CreditRecordInput, RecordKind, RecordStatus } from './profile';
import {
  AS_OF,
  assess,
  factorOf,
  modelText,
  profile,
  rec,
  V1,
  v1WithBase,
  V2,
  DOMAIN_INDICATOR_CODES,
} from './testing/fixtures';

/** A strong enterprise under v1: 700 +20 (B1) +10 (B2) +20 (D1) +40 (S1) +20 (S2) = 810. */
const strongRecords = (): CreditRecordInput[] => [
  rec('ANNUAL_REPORT', '2024-05-01', { year: 2023 }),
  rec('HONOR', '2015-01-01'),
  rec('HONOR', '2016-01-01'),
  rec('TAX_RATING', '2024-04-01', { year: 2023, rating: 'A' }),
];
const strong = (records: CreditRecordInput[] = [], over = {}) =>
  profile({
    establishedOn: '2010-01-01',
    registeredCapital: 20_000_000,
    records: [...strongRecords(), ...records],
    ...over,
  });

describe('evaluate', () => {
  it('a strong enterprise scores 810, tier A, no vetoes', () => {
    const a = assess(strong());
    expect(a).toMatchObject({ score: 810, rawScore: 810, tier: 'A', vetoes: [] });
  });

  it('returns null for a CANCELLED enterprise', () => {
    expect(evaluate(strong([], { status: 'CANCELLED' }), V1, AS_OF)).toBeNull();
  });

  it('explains every indicator in model order and records the model and dates', () => {
    const a = assess(profile());
    expect(a.factors.map((f) => f.code)).toEqual(DOMAIN_INDICATOR_CODES);
    expect(a.factors.map((f) => f.category)).toEqual([
      ...['basic', 'basic', 'basic', 'dynamic', 'dynamic', 'dynamic'],
      ...['regulatory', 'regulatory', 'regulatory', 'regulatory', 'relations', 'relations'],
      ...['social', 'social', 'social'],
    ]);
    expect(factorOf(a, 'R1').label).toEqual({
      zh: '行政处罚（公示期内）',
      en: 'Administrative penalties in publicity',
    });
    expect(a).toMatchObject({
      enterpriseId: 1,
      uscc: '91110000600037341L',
      modelVersion: 'samr-general-v1',
      modelHash: V1.hash,
      asOf: AS_OF,
      score: 620,
    });
  });

  it('shares the model label objects instead of copying them', () => {
    const a = assess(profile());
    const b = assess(strong());
    expect(factorOf(a, 'B1').label).toBe(factorOf(b, 'B1').label);
    expect(Object.isFrozen(factorOf(a, 'B1').label)).toBe(true);
  });

  describe.each<[RecordStatus | 'future', boolean]>([
    ['ACTIVE', true],
    ['REPAIRED', false],
    ['EXPIRED', false],
    ['REVOKED', false],
    ['future', false],
  ])('a record %s', (status, counts) => {
    it.each<[RecordKind, Partial<CreditRecordInput>, string]>([
      ['PENALTY', { severity: 'SERIOUS' }, 'R1'],
      ['ABNORMAL_LISTING', {}, 'R2'],
      ['SERIOUS_DISHONESTY_LISTING', {}, 'R1'],
      ['INSPECTION', { result: 'NOT_FOUND' }, 'R4'],
      ['COMPLAINT', {}, 'R5'],
      ['HONOR', {}, 'S1'],
      ['TAX_RATING', { year: 2023, rating: 'D' }, 'S2'],
      ['JUDGMENT_DEBTOR', {}, 'S3'],
      ['LEGAL_REP_CHANGE', {}, 'D2'],
      ['ADDRESS_CHANGE', {}, 'D3'],
    ])(`of kind %s ${counts ? 'counts' : 'is ignored'}`, (kind, extra) => {
      const on = status === 'future' ? '2024-08-16' : '2024-08-01';
      const r = rec(kind, on, { status: status === 'future' ? 'ACTIVE' : status, ...extra });
      const a = assess(profile({ records: [r] }));
      const ids = [...a.factors, ...a.vetoes].flatMap((f) => f.recordIds);
      expect(ids.includes(r.id)).toBe(counts);
      if (!counts) expect(a.score).toBe(620);
    });
  });

  describe('vetoes', () => {
    it('REVOKED status: D whatever the score', () => {
      const a = assess(strong([], { status: 'REVOKED' }));
      expect(a.score).toBe(810);
      expect(a.tier).toBe('D');
      expect(a.vetoes).toEqual([
        {
          code: 'REVOKED',
          effect: 'AT_MOST_D',
          label: expect.objectContaining({ en: 'Business licence revoked' }),
          recordIds: [],
        },
      ]);
    });

    it('on the serious dishonest list: D, for 36 months', () => {
      const listing = rec('SERIOUS_DISHONESTY_LISTING', '2021-08-16');
      const a = assess(strong([listing]));
      expect(a.score).toBe(810);
      expect(a.tier).toBe('D');
      expect(a.vetoes.map((v) => [v.code, v.recordIds])).toEqual([
        ['SERIOUS_DISHONESTY_LIST', [listing.id]],
      ]);
      const expired = assess(strong([rec('SERIOUS_DISHONESTY_LISTING', '2021-08-15')]));
      expect(expired).toMatchObject({ tier: 'A', vetoes: [] });
    });

    it('on the abnormal list: no better than C', () => {
      const a = assess(strong([rec('ABNORMAL_LISTING', '2024-01-01')]));
      expect(a.score).toBe(660);
      expect(a.tier).toBe('C');
      expect(a.vetoes.map((v) => [v.code, v.effect])).toEqual([['ABNORMAL_LIST', 'AT_MOST_C']]);
    });

    it('dishonest judgment debtor: no better than C', () => {
      const a = assess(strong([rec('JUDGMENT_DEBTOR', '2024-01-01')]));
      expect(a).toMatchObject({ score: 660, tier: 'C' });
      expect(a.vetoes.map((v) => v.code)).toEqual(['JUDGMENT_DEBTOR']);
    });

    it('a veto never improves a worse tier, and every veto that holds is listed', () => {
      const records = [
        rec('ABNORMAL_LISTING', '2024-01-01'),
        rec('ABNORMAL_LISTING', '2024-02-01'),
        rec('JUDGMENT_DEBTOR', '2024-01-01'),
      ];
      const a = assess(profile({ records }), AS_OF);
      expect(a).toMatchObject({ score: 170, tier: 'D' });
      expect(a.vetoes.map((v) => [v.code, v.recordIds])).toEqual([
        ['ABNORMAL_LIST', [records[0].id, records[1].id]],
        ['JUDGMENT_DEBTOR', [records[2].id]],
      ]);
    });

    it('a repaired listing vetoes nothing', () => {
      const a = assess(strong([rec('ABNORMAL_LISTING', '2024-01-01', { status: 'REPAIRED' })]));
      expect(a).toMatchObject({ tier: 'A', vetoes: [] });
    });
  });

  describe('thresholds (A ≥ 700, B ≥ 600, C ≥ 450, else D)', () => {
    // The neutral profile's points sum to −80; the base puts the score where wanted.
    it.each([
      [1000, 'A'],
      [700, 'A'],
      [699, 'B'],
      [600, 'B'],
      [599, 'C'],
      [450, 'C'],
      [449, 'D'],
      [0, 'D'],
    ])('score %i: %s', (score, tier) => {
      const a = assess(profile(), AS_OF, v1WithBase(score + 80));
      expect(a.score).toBe(score);
      expect(a.tier).toBe(tier);
    });

    it.each([
      [720, 'A'],
      [719, 'B'],
      [620, 'B'],
      [619, 'C'],
      [470, 'C'],
      [469, 'D'],
    ])('v2 draft, score %i: %s', (score, tier) => {
      expect(assess(profile(), AS_OF, modelV2Base(score + 80))).toMatchObject({ score, tier });
    });
  });

  it.each([
    [1200, 1000, 1120],
    [-100, 0, -180],
  ])('clamps to 0..1000 (base %i gives score %i, raw %i)', (base, score, raw) => {
    expect(assess(profile(), AS_OF, v1WithBase(base))).toMatchObject({ score, rawScore: raw });
  });

  it('the v2 draft weighs the same records more heavily', () => {
    const records = [rec('PENALTY', '2024-06-01', { severity: 'MODERATE' })];
    expect(factorOf(assess(profile({ records }), AS_OF, V2), 'R1').points).toBe(-100);
    expect(factorOf(assess(profile({ records }), AS_OF, V1), 'R1').points).toBe(-80);
  });

  describe('nextReviewOn', () => {
    it('is the earliest of all pending changes', () => {
      const records = [
        rec('PENALTY', '2024-07-01', { severity: 'MINOR' }),
        rec('COMPLAINT', '2023-10-01'),
        rec('HONOR', '2024-09-20'),
      ];
      expect(assess(profile({ records })).nextReviewOn).toBe('2024-09-20');
      expect(assess(profile({ records: records.slice(0, 2) })).nextReviewOn).toBe('2024-09-30');
      expect(assess(profile({ records: records.slice(0, 1) })).nextReviewOn).toBe('2024-10-01');
    });

    it('is null when nothing can change by itself', () => {
      const m = parseModel(staticModelText(), 'static.yaml');
      const a = evaluate(profile({ records: [rec('ABNORMAL_LISTING', '2020-01-01')] }), m, AS_OF);
      expect(a?.nextReviewOn).toBeNull();
      // 5M CNY falls between the two capital bins: 0 points.
      expect(a?.score).toBe(550);
    });
  });

  describe('bad input', () => {
    it.each<[Partial<CreditRecordInput>, RegExp]>([
      [{ kind: 'PENALTY' }, /record 5: penalty without a valid severity/],
      [{ kind: 'INSPECTION', result: null }, /inspection without a valid result/],
      [{ kind: 'TAX_RATING', rating: 'A' }, /tax rating without a valid rating and year/],
      [{ kind: 'ANNUAL_REPORT' }, /annual report without a year/],
      [{ kind: 'BOGUS' as RecordKind }, /unknown kind 'BOGUS'/],
    ])('refuses an ACTIVE record %j', (over, message) => {
      const r = { ...rec('COMPLAINT', '2024-01-01'), id: 5, ...over };
      expect(() => evaluate(profile({ records: [r] }), V1, AS_OF)).toThrow(InvalidProfileError);
      expect(() => evaluate(profile({ records: [r] }), V1, AS_OF)).toThrow(message);
    });

    it('ignores incomplete records that are not ACTIVE', () => {
      const r = { ...rec('PENALTY', '2024-01-01'), status: 'REVOKED' as const };
      expect(assess(profile({ records: [r] })).score).toBe(620);
    });

    it.each([
      ['asOf', () => evaluate(profile(), V1, '2024-8-15')],
      ['establishedOn', () => evaluate(profile({ establishedOn: '2019-02-29' }), V1, AS_OF)],
      ['occurredOn', () => evaluate(profile({ records: [rec('HONOR', '2024-13-01')] }), V1, AS_OF)],
    ])('refuses a malformed %s', (_what, run) => {
      expect(run).toThrow(RangeError);
    });
  });
});

function modelV2Base(base: number) {
  return parseModel(
    modelText('samr-general-v2-draft.yaml').replace('base: 700', `base: ${base}`),
    'v2-test.yaml',
  );
}

/** A model of indicators that never change by themselves. */
function staticModelText(): string {
  return `
version: static-test
name: { zh: 测试, en: Test }
base: 700
clamp: { min: 0, max: 1000 }
publicity:
  penalty:
    MINOR: { months: 3 }
    MODERATE: { months: 12 }
    SERIOUS: { months: 36 }
    restrictiveUntilRestrictionEnds: true
  seriousDishonestyListing: { months: 36 }
indicators:
  B2:
    type: valueBins
    category: basic
    label: { zh: 注册资本, en: Registered capital }
    field: registeredCapital
    bins: [{ to: 1000000, points: -10 }, { from: 10000000, points: 10 }]
  R2:
    type: recordSum
    category: regulatory
    label: { zh: 异常, en: Abnormal }
    recordKind: ABNORMAL_LISTING
    each: -150
vetoes: []
thresholds: { A: 700, B: 600, C: 450 }
`;
}
