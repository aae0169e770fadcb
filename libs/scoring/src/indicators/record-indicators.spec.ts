import { formatDay, parseDay } from '../day-number';
import type { CreditRecordInput, RecordKind, RecordStatus } from '../profile';
import { AS_OF, assess, factorOf, pointsOf, profile, rec } from '../testing/fixtures';

/** The date `n` days before AS_OF (2024-08-15). */
const ago = (n: number) => formatDay(parseDay(AS_OF) - n);
const many = (n: number, make: () => CreditRecordInput) => Array.from({ length: n }, make);
const points = (code: string, records: CreditRecordInput[], asOf = AS_OF) =>
  pointsOf(code, profile({ records }), asOf);

describe.each<[string, RecordKind, [number, number][]]>([
  [
    'D2 legal-representative changes in 365 days (≤1 0; 2 −20; ≥3 −40)',
    'LEGAL_REP_CHANGE',
    [
      [0, 0],
      [1, 0],
      [2, -20],
      [3, -40],
      [5, -40],
    ],
  ],
  [
    'D3 address changes in 365 days (≥2 −20)',
    'ADDRESS_CHANGE',
    [
      [1, 0],
      [2, -20],
      [4, -20],
    ],
  ],
  [
    'R5 complaints in 365 days (1–2 −10; 3–5 −30; ≥6 −60)',
    'COMPLAINT',
    [
      [0, 0],
      [1, -10],
      [2, -10],
      [3, -30],
      [5, -30],
      [6, -60],
      [9, -60],
    ],
  ],
])('%s', (title, kind, table) => {
  const code = title.slice(0, 2);

  it.each(table)('%i in the window: %i', (n, expected) => {
    expect(
      points(
        code,
        many(n, () => rec(kind, ago(10))),
      ),
    ).toBe(expected);
  });

  it('the window holds asOf − 364 days but not asOf − 365, nor the future', () => {
    const edge = many(6, () => rec(kind, ago(364)));
    const out = many(6, () => rec(kind, ago(365)));
    const future = many(6, () => rec(kind, ago(-1)));
    expect(points(code, edge)).toBe(
      points(
        code,
        many(6, () => rec(kind, ago(0))),
      ),
    );
    expect(points(code, [...out, ...future])).toBe(0);
    const a = assess(profile({ records: edge }));
    expect(factorOf(a, code).recordIds).toEqual(edge.map((r) => r.id));
    expect(a.nextReviewOn).toBe(ago(-1));
  });
});

describe('R1 penalties in publicity (MINOR −30 3 months, MODERATE −80 1 year, SERIOUS −200 3 years, floor −400)', () => {
  const penalty = (
    severity: 'MINOR' | 'MODERATE' | 'SERIOUS',
    on: string,
    extra: Partial<CreditRecordInput> = {},
  ) => rec('PENALTY', on, { severity, violationType: '虚假宣传', restrictive: false, ...extra });

  it.each([
    ['MINOR', '2024-05-15', '2024-08-14', -30],
    ['MINOR', '2024-05-15', '2024-08-15', 0],
    ['MINOR', '2024-05-15', '2024-05-15', -30],
    ['MINOR', '2024-05-15', '2024-05-14', 0],
    // 3 months after 30 November is the end of February.
    ['MINOR', '2023-11-30', '2024-02-28', -30],
    ['MINOR', '2023-11-30', '2024-02-29', 0],
    ['MINOR', '2024-11-30', '2025-02-27', -30],
    ['MINOR', '2024-11-30', '2025-02-28', 0],
    ['MODERATE', '2023-08-15', '2024-08-14', -80],
    ['MODERATE', '2023-08-15', '2024-08-15', 0],
    ['MODERATE', '2024-02-29', '2025-02-27', -80],
    ['MODERATE', '2024-02-29', '2025-02-28', 0],
    ['SERIOUS', '2021-08-16', '2024-08-15', -200],
    ['SERIOUS', '2021-08-15', '2024-08-15', 0],
  ] as const)('%s decided %s, as of %s: %i', (severity, on, asOf, expected) => {
    expect(points('R1', [penalty(severity, on)], asOf)).toBe(expected);
  });

  it.each([
    [['MINOR', 'MODERATE'], -110],
    [['SERIOUS', 'SERIOUS'], -400],
    [['SERIOUS', 'SERIOUS', 'MINOR'], -400],
    [['SERIOUS', 'MODERATE', 'MODERATE', 'MINOR'], -390],
    [['MODERATE', 'MODERATE', 'MODERATE', 'MODERATE', 'MODERATE', 'MODERATE'], -400],
  ] as const)('%j: %i', (severities, expected) => {
    expect(
      points(
        'R1',
        severities.map((s) => penalty(s, ago(30))),
      ),
    ).toBe(expected);
  });

  describe('restrictive penalties last for the longer of their window and the restriction', () => {
    it.each([
      ['2030-01-01', '2020-01-01', -200],
      ['2024-08-15', '2020-01-01', -200],
      ['2024-08-14', '2020-01-01', 0],
      // A shorter restriction never ends publicity before the severity window (36 months).
      ['2024-08-14', '2024-01-01', -200],
      ['2024-08-14', '2021-08-15', 0],
      ['2024-08-15', '2021-08-15', -200],
      [null, '2021-08-16', -200],
      [null, '2021-08-15', 0],
    ])(
      'restriction ends %s, decided %s, as of 2024-08-15: %i',
      (restrictionEndsOn, on, expected) => {
        expect(
          points('R1', [penalty('SERIOUS', on, { restrictive: true, restrictionEndsOn })]),
        ).toBe(expected);
      },
    );

    it('a restriction end date on a non-restrictive penalty is ignored', () => {
      expect(
        points('R1', [penalty('MINOR', '2024-01-01', { restrictionEndsOn: '2030-01-01' })]),
      ).toBe(0);
    });

    it('the review comes the day after the restriction ends', () => {
      const p = penalty('SERIOUS', '2020-01-01', {
        restrictive: true,
        restrictionEndsOn: '2024-09-30',
      });
      expect(assess(profile({ records: [p] })).nextReviewOn).toBe('2024-10-01');
    });
  });

  it.each<[RecordStatus, number]>([
    ['ACTIVE', -80],
    ['REPAIRED', 0],
    ['EXPIRED', 0],
    ['REVOKED', 0],
  ])('a penalty %s: %i', (status, expected) => {
    expect(points('R1', [penalty('MODERATE', ago(30), { status })])).toBe(expected);
  });

  it('a penalty decided after asOf does not count yet and sets the review date', () => {
    const p = penalty('SERIOUS', ago(-3));
    const a = assess(profile({ records: [p] }));
    expect(factorOf(a, 'R1').points).toBe(0);
    expect(a.nextReviewOn).toBe(ago(-3));
  });

  it('the review comes when the publicity ends', () => {
    expect(assess(profile({ records: [penalty('MINOR', '2024-07-01')] })).nextReviewOn).toBe(
      '2024-10-01',
    );
  });
});

describe('R2 abnormal-list entries (−150 each, floor −300)', () => {
  it.each([
    [1, -150],
    [2, -300],
    [3, -300],
  ])('%i entries: %i', (n, expected) => {
    expect(
      points(
        'R2',
        many(n, () => rec('ABNORMAL_LISTING', '2015-01-01')),
      ),
    ).toBe(expected);
  });

  it('counts while ACTIVE, however old; not once removed', () => {
    expect(points('R2', [rec('ABNORMAL_LISTING', '2001-01-01')])).toBe(-150);
    expect(points('R2', [rec('ABNORMAL_LISTING', ago(1), { status: 'REPAIRED' })])).toBe(0);
    expect(points('R2', [rec('ABNORMAL_LISTING', ago(-1))])).toBe(0);
  });
});

describe('R4 inspections in 730 days (PASS +10 each, cap +20; PROBLEM −40; NOT_FOUND −80)', () => {
  const insp = (result: 'PASS' | 'PROBLEM' | 'NOT_FOUND', on = ago(100)) =>
    rec('INSPECTION', on, { result });
  it.each([
    [['PASS'], 10],
    [['PASS', 'PASS'], 20],
    [['PASS', 'PASS', 'PASS'], 20],
    [['PROBLEM'], -40],
    [['NOT_FOUND'], -80],
    [['PROBLEM', 'PROBLEM'], -80],
    [['PASS', 'PASS', 'PASS', 'PROBLEM'], -20],
    [['PASS', 'NOT_FOUND', 'PROBLEM'], -110],
  ] as const)('%j: %i', (results, expected) => {
    expect(
      points(
        'R4',
        results.map((r) => insp(r)),
      ),
    ).toBe(expected);
  });

  it('the window holds asOf − 729 days but not asOf − 730', () => {
    expect(points('R4', [insp('NOT_FOUND', ago(729))])).toBe(-80);
    expect(points('R4', [insp('NOT_FOUND', ago(730))])).toBe(0);
  });
});

describe('S1 honours (+20 each, cap +40)', () => {
  it.each([
    [0, 0],
    [1, 20],
    [2, 40],
    [3, 40],
  ])('%i honours: %i', (n, expected) => {
    expect(
      points(
        'S1',
        many(n, () => rec('HONOR', '2010-06-01')),
      ),
    ).toBe(expected);
  });

  it('ignores a revoked honour', () => {
    expect(points('S1', [rec('HONOR', '2010-06-01', { status: 'REVOKED' })])).toBe(0);
  });
});

describe('S2 tax credit rating (A +20; C −20; D −80; else 0), the latest ACTIVE by year', () => {
  const rating = (
    year: number,
    r: 'A' | 'B' | 'M' | 'C' | 'D',
    extra: Partial<CreditRecordInput> = {},
  ) => rec('TAX_RATING', `${year + 1}-04-01`, { year, rating: r, ...extra });

  it.each([
    ['A', 20],
    ['B', 0],
    ['M', 0],
    ['C', -20],
    ['D', -80],
  ] as const)('%s: %i', (r, expected) => {
    expect(points('S2', [rating(2023, r)])).toBe(expected);
  });

  it('takes the latest year, whatever the input order', () => {
    const latest = rating(2023, 'D');
    const a = assess(profile({ records: [latest, rating(2022, 'A'), rating(2021, 'C')] }));
    expect(factorOf(a, 'S2')).toMatchObject({ points: -80, recordIds: [latest.id] });
  });

  it('falls back to the previous year when the latest is not ACTIVE or not yet issued', () => {
    expect(points('S2', [rating(2023, 'D', { status: 'REVOKED' }), rating(2022, 'A')])).toBe(20);
    expect(points('S2', [rating(2024, 'D', { occurredOn: ago(-1) }), rating(2022, 'A')])).toBe(20);
  });

  it('within one year the latest issued wins', () => {
    expect(
      points('S2', [
        rating(2023, 'A', { occurredOn: '2024-05-01' }),
        rating(2023, 'C', { occurredOn: '2024-04-01' }),
      ]),
    ).toBe(20);
  });

  it('no rating: 0', () => {
    expect(points('S2', [])).toBe(0);
  });
});

describe('S3 dishonest judgment debtor (−150 once)', () => {
  it.each([
    [1, -150],
    [2, -150],
  ])('%i listings: %i', (n, expected) => {
    expect(
      points(
        'S3',
        many(n, () => rec('JUDGMENT_DEBTOR', '2020-01-01')),
      ),
    ).toBe(expected);
  });

  it('not once repaired', () => {
    expect(points('S3', [rec('JUDGMENT_DEBTOR', '2020-01-01', { status: 'REPAIRED' })])).toBe(0);
  });
});
