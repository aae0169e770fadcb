import type { CreditRecordInput } from '@app/scoring';
import { book, input, listing, P107, P2021, penalty } from '../../test/policy-fixtures';
import { assessEligibility } from './eligibility';
import type { Condition, ConditionCode, EligibilityInput } from './eligibility.types';

function assess(over: Partial<EligibilityInput> = {}) {
  return assessEligibility(input(over));
}
function condition(over: Partial<EligibilityInput>, code: ConditionCode): Condition | undefined {
  return assess(over).conditions.find((c) => c.code === code);
}
function codes(over: Partial<EligibilityInput> = {}): ConditionCode[] {
  return assess(over).conditions.map((c) => c.code);
}
const other = (id: number, r: Partial<CreditRecordInput> & Pick<CreditRecordInput, 'kind'>) =>
  ({ id, occurredOn: '2026-02-01', status: 'ACTIVE', ...r }) as CreditRecordInput;

describe('assessEligibility — overall', () => {
  it('lists every applicable condition for a repairable penalty', () => {
    const result = assess();
    expect(result).toMatchObject({ eligible: true, policy: '2025-samr-order-107' });
    expect(result.earliestOn).toBeUndefined();
    expect(codes()).toEqual([
      'RECORD_NOT_ACTIVE',
      'NOT_REPAIRABLE_KIND',
      'MINOR_NOT_REPAIRABLE',
      'RESTRICTION_IN_FORCE',
      'MIN_PERIOD_NOT_REACHED',
      'ON_ABNORMAL_LIST',
      'ON_SERIOUS_DISHONESTY_LIST',
      'SAME_KIND_PENALTY_SINCE',
      'REPAIR_LIMIT',
      'OPEN_APPLICATION_EXISTS',
    ]);
    expect(result.conditions.every((c) => c.met)).toBe(true);
  });

  it('reports every unmet condition, not only the first', () => {
    const result = assess({
      record: penalty({ restrictive: true, status: 'EXPIRED' }),
      on: '2026-02-01',
      otherRecords: [other(2, { kind: 'ABNORMAL_LISTING' })],
    });
    expect(result.eligible).toBe(false);
    expect(result.conditions.filter((c) => !c.met).map((c) => c.code)).toEqual([
      'RECORD_NOT_ACTIVE',
      'RESTRICTION_IN_FORCE',
      'MIN_PERIOD_NOT_REACHED',
      'ON_ABNORMAL_LIST',
    ]);
    // Not only time stands in the way, so no overall date.
    expect(result.earliestOn).toBeUndefined();
  });

  it('gives an overall date when time alone stands in the way', () => {
    const result = assess({
      on: '2026-03-01',
      repairHistory: {
        approved: [{ recordId: 9, recordKind: 'PENALTY', decidedOn: '2025-06-01' }],
        openApplications: [],
      },
    });
    expect(result.eligible).toBe(false);
    // Period: 2026-04-10; limit: 2026-06-01. Both must pass.
    expect(result.earliestOn).toBe('2026-06-01');
  });
});

describe('RECORD_NOT_ACTIVE', () => {
  it.each(['REPAIRED', 'EXPIRED', 'REVOKED'] as const)('is unmet for a %s record', (status) => {
    expect(condition({ record: penalty({ status }) }, 'RECORD_NOT_ACTIVE')).toMatchObject({
      met: false,
      detail: `status ${status}`,
    });
  });
});

describe('NOT_REPAIRABLE_KIND', () => {
  it.each(['COMPLAINT', 'JUDGMENT_DEBTOR', 'TAX_RATING'] as const)(
    'is unmet for %s, and nothing else is assessed',
    (kind) => {
      const record: CreditRecordInput = { id: 1, kind, occurredOn: '2025-01-01', status: 'ACTIVE' };
      const result = assess({ record, evidenceKinds: [] });
      expect(result.eligible).toBe(false);
      expect(result.conditions).toEqual([
        { code: 'RECORD_NOT_ACTIVE', met: true, detail: 'status ACTIVE' },
        { code: 'NOT_REPAIRABLE_KIND', met: false, detail: `kind ${kind}` },
      ]);
    },
  );

  it.each(['PENALTY', 'ABNORMAL_LISTING', 'SERIOUS_DISHONESTY_LISTING'] as const)(
    'is met for %s',
    (kind) => {
      const record = kind === 'PENALTY' ? penalty() : listing(kind);
      expect(condition({ record }, 'NOT_REPAIRABLE_KIND')?.met).toBe(true);
    },
  );

  it('repairs a negative inspection result under Order 107 only, and never one that passed', () => {
    const inspection = (result: CreditRecordInput['result']): CreditRecordInput => ({
      id: 1,
      kind: 'INSPECTION',
      occurredOn: '2026-03-01',
      status: 'ACTIVE',
      result,
    });
    for (const result of ['PROBLEM', 'NOT_FOUND'] as const) {
      expect(assess({ record: inspection(result), policy: P107 }).eligible).toBe(true);
      expect(
        condition({ record: inspection(result), policy: P2021 }, 'NOT_REPAIRABLE_KIND'),
      ).toEqual({
        code: 'NOT_REPAIRABLE_KIND',
        met: false,
        detail: `kind INSPECTION, result ${result}`,
      });
    }
    expect(condition({ record: inspection('PASS') }, 'NOT_REPAIRABLE_KIND')?.met).toBe(false);
    // Its own materials list when the policy gives one, and its own time limit.
    expect(
      condition(
        { record: inspection('PROBLEM'), evidenceKinds: ['APPLICATION_FORM'] },
        'MATERIALS_MISSING',
      ),
    ).toMatchObject({ met: false, missingMaterials: ['COMMITMENT_LETTER', 'FULFILMENT_PROOF'] });
  });

  it('follows the policy: a kind absent from its rules is not repairable', () => {
    const policy = { ...P107, rules: { ...P107.rules, ABNORMAL_LISTING: undefined } };
    expect(
      condition({ record: listing('ABNORMAL_LISTING'), policy }, 'NOT_REPAIRABLE_KIND')?.met,
    ).toBe(false);
  });
});

describe('MINOR_NOT_REPAIRABLE and RESTRICTION_IN_FORCE', () => {
  it('refuses MINOR penalties under both policies, without a period', () => {
    for (const policy of [P2021, P107]) {
      const over = { record: penalty({ severity: 'MINOR' }), policy };
      expect(condition(over, 'MINOR_NOT_REPAIRABLE')?.met).toBe(false);
      expect(condition(over, 'MIN_PERIOD_NOT_REACHED')).toBeUndefined();
    }
  });

  it('refuses a penalty without a severity', () => {
    expect(
      condition({ record: penalty({ severity: null }) }, 'MINOR_NOT_REPAIRABLE'),
    ).toMatchObject({
      met: false,
      detail: 'severity unknown',
    });
  });

  it.each(['MODERATE', 'SERIOUS'] as const)('accepts %s penalties', (severity) => {
    expect(
      condition({ record: penalty({ severity }), on: '2027-06-01' }, 'MINOR_NOT_REPAIRABLE')?.met,
    ).toBe(true);
  });

  it('refuses a restrictive penalty while its restriction runs, under both policies', () => {
    const record = penalty({ restrictive: true, restrictionEndsOn: '2027-07-31' });
    for (const policy of [P2021, P107]) {
      expect(condition({ record, policy, on: '2027-07-31' }, 'RESTRICTION_IN_FORCE')).toMatchObject(
        { met: false, earliestOn: '2027-08-01' },
      );
      expect(condition({ record, policy, on: '2027-08-01' }, 'RESTRICTION_IN_FORCE')?.met).toBe(
        true,
      );
    }
  });

  it('refuses a restrictive penalty without an end date, with no date time alone reaches', () => {
    const c = condition({ record: penalty({ restrictive: true }) }, 'RESTRICTION_IN_FORCE');
    expect(c).toMatchObject({ met: false, detail: 'restriction without an end date' });
    expect(c?.earliestOn).toBeUndefined();
    expect(condition({ record: penalty({ restrictive: null }) }, 'RESTRICTION_IN_FORCE')?.met).toBe(
      true,
    );
  });
});

describe('MIN_PERIOD_NOT_REACHED — period edges', () => {
  // [label, record, policy, earliest date]
  const cases: [string, CreditRecordInput, typeof P107, string][] = [
    ['107 MODERATE: 3 months', penalty(), P107, '2026-04-10'],
    ['107 SERIOUS: 12 months', penalty({ severity: 'SERIOUS' }), P107, '2027-01-10'],
    ['107 serious list: 12 months', listing('SERIOUS_DISHONESTY_LISTING'), P107, '2027-01-10'],
    ['107 no field exception', penalty({ field: 'FOOD' }), P107, '2026-04-10'],
    ['2021 MODERATE: 6 months', penalty({ occurredOn: '2025-01-10' }), P2021, '2025-07-10'],
    [
      '2021 SERIOUS: 6 months',
      penalty({ occurredOn: '2025-01-10', severity: 'SERIOUS', field: 'OTHER' }),
      P2021,
      '2025-07-10',
    ],
    ['2021 food', penalty({ occurredOn: '2024-03-10', field: 'FOOD' }), P2021, '2025-03-10'],
    [
      '2021 food, SERIOUS',
      penalty({ occurredOn: '2024-03-10', severity: 'SERIOUS', field: 'FOOD' }),
      P2021,
      '2025-03-10',
    ],
    ['2021 drugs', penalty({ occurredOn: '2024-03-10', field: 'DRUG' }), P2021, '2025-03-10'],
    [
      '2021 special equipment',
      penalty({ occurredOn: '2024-03-10', field: 'SPECIAL_EQUIPMENT' }),
      P2021,
      '2025-03-10',
    ],
    [
      '2021 serious list: 12 months',
      listing('SERIOUS_DISHONESTY_LISTING', { occurredOn: '2024-03-10' }),
      P2021,
      '2025-03-10',
    ],
    ['end of month clamps', penalty({ occurredOn: '2025-11-30' }), P107, '2026-02-28'],
  ];

  it.each(cases)('%s: unmet the day before, met on the day', (_label, record, policy, earliest) => {
    const [y, m, d] = earliest.split('-').map(Number);
    const dayBefore = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    const base = { record, policy };
    expect(condition({ ...base, on: dayBefore }, 'MIN_PERIOD_NOT_REACHED')).toMatchObject({
      met: false,
      earliestOn: earliest,
    });
    const onTheDay = condition({ ...base, on: earliest }, 'MIN_PERIOD_NOT_REACHED');
    expect(onTheDay?.met).toBe(true);
    expect(onTheDay?.earliestOn).toBeUndefined();
    expect(assess({ ...base, on: dayBefore }).earliestOn).toBe(earliest);
  });

  it('names the field exception it applied', () => {
    const c = condition(
      {
        record: penalty({ occurredOn: '2024-03-10', field: 'DRUG' }),
        policy: P2021,
        on: '2024-10-01',
      },
      'MIN_PERIOD_NOT_REACHED',
    );
    expect(c?.detail).toBe('12 months from 2024-03-10 (food, drugs, special equipment)');
  });

  it('decides the 2021 period by the penalty’s field, not by the enterprise’s industry', () => {
    // A food manufacturer's advertising penalty: 6 months; a retailer's food-safety penalty: 12.
    const advertising = penalty({ occurredOn: '2024-03-10', field: 'OTHER' });
    const foodSafety = penalty({ occurredOn: '2024-03-10', field: 'FOOD' });
    const on = '2024-10-01';
    expect(
      condition({ record: advertising, policy: P2021, on }, 'MIN_PERIOD_NOT_REACHED')?.met,
    ).toBe(true);
    expect(
      condition({ record: foodSafety, policy: P2021, on }, 'MIN_PERIOD_NOT_REACHED')?.met,
    ).toBe(false);
    // A penalty without a field (written before fields existed) is OTHER.
    expect(
      condition(
        { record: penalty({ occurredOn: '2024-03-10' }), policy: P2021, on },
        'MIN_PERIOD_NOT_REACHED',
      )?.met,
    ).toBe(true);
  });

  it('has no waiting period for the abnormal list', () => {
    const record = listing('ABNORMAL_LISTING', { occurredOn: '2026-05-31' });
    expect(codes({ record })).toEqual([
      'RECORD_NOT_ACTIVE',
      'NOT_REPAIRABLE_KIND',
      'OPEN_APPLICATION_EXISTS',
    ]);
    expect(assess({ record, policy: P2021, on: '2025-06-01' }).eligible).toBe(true);
  });
});

describe('switch-over between the 2021 measures and Order 107', () => {
  // A MODERATE penalty of 2025-08-01 outside the food, drug and special-equipment fields.
  const record = penalty({ occurredOn: '2025-08-01' });

  it('judges a 2025-12-24 submission by the 2021 rules (6 months: not yet)', () => {
    const policy = book.policyFor('2025-12-24');
    const result = assess({ record, policy, on: '2025-12-24' });
    expect(result).toMatchObject({
      eligible: false,
      policy: '2021-guo-shi-jian-xin-gui-3',
      earliestOn: '2026-02-01',
    });
  });

  it('judges a 2025-12-25 submission by Order 107 (3 months: eligible)', () => {
    const policy = book.policyFor('2025-12-25');
    expect(assess({ record, policy, on: '2025-12-25' })).toMatchObject({
      eligible: true,
      policy: '2025-samr-order-107',
    });
  });

  it('no longer extends the period for food penalties from 2025-12-25', () => {
    const food = { record: { ...record, field: 'FOOD' as const } };
    expect(
      assess({ ...food, policy: book.policyFor('2025-12-24'), on: '2025-12-24' }).earliestOn,
    ).toBe('2026-08-01');
    expect(
      assess({ ...food, policy: book.policyFor('2025-12-25'), on: '2025-12-25' }).eligible,
    ).toBe(true);
  });
});

describe('ON_ABNORMAL_LIST', () => {
  it('is unmet for a penalty while another abnormal listing is active', () => {
    const c = condition(
      { otherRecords: [other(7, { kind: 'ABNORMAL_LISTING' })] },
      'ON_ABNORMAL_LIST',
    );
    expect(c).toEqual({ code: 'ON_ABNORMAL_LIST', met: false, recordIds: [7] });
  });

  it('is unmet for the serious list too', () => {
    const c = condition(
      {
        record: listing('SERIOUS_DISHONESTY_LISTING', { occurredOn: '2024-01-10' }),
        otherRecords: [other(7, { kind: 'ABNORMAL_LISTING' })],
      },
      'ON_ABNORMAL_LIST',
    );
    expect(c?.met).toBe(false);
  });

  it.each([
    ['a removed (REPAIRED) listing', other(7, { kind: 'ABNORMAL_LISTING', status: 'REPAIRED' })],
    [
      'a listing after the as-of date',
      other(7, { kind: 'ABNORMAL_LISTING', occurredOn: '2026-06-02' }),
    ],
  ])('is met with %s', (_label, r) => {
    expect(condition({ otherRecords: [r] }, 'ON_ABNORMAL_LIST')?.met).toBe(true);
  });

  it('does not apply to an abnormal listing itself', () => {
    const over = {
      record: listing('ABNORMAL_LISTING'),
      otherRecords: [other(7, { kind: 'ABNORMAL_LISTING' })],
    };
    expect(condition(over, 'ON_ABNORMAL_LIST')).toBeUndefined();
  });
});

describe('ON_SERIOUS_DISHONESTY_LIST', () => {
  it('is unmet for a penalty while on the serious list, until the listing lapses', () => {
    const listed = other(8, { kind: 'SERIOUS_DISHONESTY_LISTING', occurredOn: '2025-03-15' });
    expect(condition({ otherRecords: [listed] }, 'ON_SERIOUS_DISHONESTY_LIST')).toEqual({
      code: 'ON_SERIOUS_DISHONESTY_LIST',
      met: false,
      recordIds: [8],
      earliestOn: '2028-03-15',
    });
    const lapsed = { otherRecords: [listed], on: '2028-03-15' };
    expect(condition(lapsed, 'ON_SERIOUS_DISHONESTY_LIST')?.met).toBe(true);
  });

  it('is met once the listing is removed', () => {
    const removed = other(8, { kind: 'SERIOUS_DISHONESTY_LISTING', status: 'REPAIRED' });
    expect(condition({ otherRecords: [removed] }, 'ON_SERIOUS_DISHONESTY_LIST')?.met).toBe(true);
  });

  it('is not assessed for listings themselves', () => {
    expect(
      condition({ record: listing('SERIOUS_DISHONESTY_LISTING') }, 'ON_SERIOUS_DISHONESTY_LIST'),
    ).toBeUndefined();
    expect(
      condition({ record: listing('ABNORMAL_LISTING') }, 'ON_SERIOUS_DISHONESTY_LIST'),
    ).toBeUndefined();
  });
});

describe('SAME_KIND_PENALTY_SINCE', () => {
  const later = (over: Partial<CreditRecordInput>) =>
    other(5, {
      kind: 'PENALTY',
      severity: 'MINOR',
      violationType: '虚假宣传',
      occurredOn: '2026-03-01',
      ...over,
    });

  it.each([
    ['a later penalty of the same kind', later({}), false],
    ['a later one already expired', later({ status: 'EXPIRED' }), false],
    ['a later one already repaired', later({ status: 'REPAIRED' }), false],
    ['a later one revoked (never happened)', later({ status: 'REVOKED' }), true],
    ['a later penalty of another kind', later({ violationType: '无照经营' }), true],
    ['an earlier penalty of the same kind', later({ occurredOn: '2025-12-01' }), true],
    ['a same-day penalty', later({ occurredOn: '2026-01-10' }), true],
  ])('with %s: met = %s', (_label, r, met) => {
    const c = condition({ otherRecords: [r] }, 'SAME_KIND_PENALTY_SINCE');
    expect(c?.met).toBe(met);
    if (!met) expect(c?.recordIds).toEqual([5]);
  });

  it('never matches when the record has no violation type', () => {
    const over = {
      record: penalty({ violationType: null }),
      otherRecords: [later({ violationType: null })],
    };
    expect(condition(over, 'SAME_KIND_PENALTY_SINCE')?.met).toBe(true);
  });

  describe('for the serious list: any new MODERATE/SERIOUS penalty since listing', () => {
    const record = listing('SERIOUS_DISHONESTY_LISTING', { occurredOn: '2025-01-10' });
    it.each([
      ['a MODERATE penalty since', later({ severity: 'MODERATE', violationType: '其他' }), false],
      ['a SERIOUS penalty since', later({ severity: 'SERIOUS' }), false],
      ['a MINOR penalty since', later({ severity: 'MINOR' }), true],
      [
        'a SERIOUS penalty before listing',
        later({ severity: 'SERIOUS', occurredOn: '2024-12-01' }),
        true,
      ],
      ['a revoked SERIOUS penalty', later({ severity: 'SERIOUS', status: 'REVOKED' }), true],
    ])('with %s: met = %s', (_label, r, met) => {
      expect(condition({ record, otherRecords: [r] }, 'SAME_KIND_PENALTY_SINCE')?.met).toBe(met);
    });
  });
});

describe('REPAIR_LIMIT', () => {
  const approved = (...dates: string[]) => ({
    approved: dates.map((decidedOn, i) => ({
      recordId: 100 + i,
      recordKind: 'PENALTY',
      decidedOn,
    })),
    openApplications: [],
  });

  it('counts only repairs of the kinds it applies to: a removal from the abnormal list does not block a penalty', () => {
    // The ordinary sequence: the listing is removed (a repair), then the penalty is repaired.
    const removal = {
      approved: [{ recordId: 7, recordKind: 'ABNORMAL_LISTING', decidedOn: '2026-01-10' }],
      openApplications: [],
    };
    expect(condition({ repairHistory: removal }, 'REPAIR_LIMIT')?.met).toBe(true);
    // A penalty repaired on the same day does count.
    const penalty = { ...removal, approved: [{ ...removal.approved[0], recordKind: 'PENALTY' }] };
    expect(condition({ repairHistory: penalty }, 'REPAIR_LIMIT')?.met).toBe(false);
  });

  it('is refused within 12 months of an approval and lifts on the anniversary', () => {
    expect(condition({ repairHistory: approved('2025-06-02') }, 'REPAIR_LIMIT')).toMatchObject({
      met: false,
      earliestOn: '2026-06-02',
    });
    expect(condition({ repairHistory: approved('2025-06-01') }, 'REPAIR_LIMIT')?.met).toBe(true);
  });

  it('is refused after two approvals in 60 months, until the older leaves the window', () => {
    const history = approved('2022-03-01', '2024-01-15');
    expect(condition({ repairHistory: history }, 'REPAIR_LIMIT')).toMatchObject({
      met: false,
      earliestOn: '2027-03-01',
    });
    expect(condition({ repairHistory: history, on: '2027-02-28' }, 'REPAIR_LIMIT')?.met).toBe(
      false,
    );
    expect(condition({ repairHistory: history, on: '2027-03-01' }, 'REPAIR_LIMIT')?.met).toBe(true);
  });

  it('with three approvals, waits for the second newest to leave the window', () => {
    const history = approved('2021-07-01', '2022-03-01', '2024-01-15');
    expect(condition({ repairHistory: history }, 'REPAIR_LIMIT')?.earliestOn).toBe('2027-03-01');
  });

  it('takes the later of both limits', () => {
    const history = approved('2021-08-01', '2025-12-01');
    expect(
      condition({ repairHistory: history, on: '2026-01-05' }, 'REPAIR_LIMIT')?.earliestOn,
    ).toBe('2026-12-01');
  });

  it('ignores decisions after the as-of date', () => {
    expect(condition({ repairHistory: approved('2026-06-02') }, 'REPAIR_LIMIT')?.met).toBe(true);
  });

  it('does not apply to removal from the abnormal list', () => {
    const over = { record: listing('ABNORMAL_LISTING'), repairHistory: approved('2026-05-01') };
    expect(condition(over, 'REPAIR_LIMIT')).toBeUndefined();
    expect(assess(over).eligible).toBe(true);
  });
});

describe('OPEN_APPLICATION_EXISTS', () => {
  it('is unmet while this record has an open application', () => {
    const repairHistory = { approved: [], openApplications: [{ recordId: 1 }] };
    expect(condition({ repairHistory }, 'OPEN_APPLICATION_EXISTS')?.met).toBe(false);
  });

  it('is met when only other records have open applications', () => {
    const repairHistory = { approved: [], openApplications: [{ recordId: 2 }] };
    expect(condition({ repairHistory }, 'OPEN_APPLICATION_EXISTS')?.met).toBe(true);
  });
});

describe('MATERIALS_MISSING', () => {
  it('is not assessed without evidence kinds', () => {
    expect(condition({}, 'MATERIALS_MISSING')).toBeUndefined();
  });

  it('is met with every required material', () => {
    const evidenceKinds = ['FULFILMENT_PROOF', 'APPLICATION_FORM', 'COMMITMENT_LETTER'] as const;
    expect(condition({ evidenceKinds: [...evidenceKinds] }, 'MATERIALS_MISSING')).toEqual({
      code: 'MATERIALS_MISSING',
      met: true,
    });
  });

  it('lists what is missing', () => {
    expect(condition({ evidenceKinds: ['APPLICATION_FORM'] }, 'MATERIALS_MISSING')).toEqual({
      code: 'MATERIALS_MISSING',
      met: false,
      missingMaterials: ['COMMITMENT_LETTER', 'FULFILMENT_PROOF'],
    });
  });
});

describe('input validation', () => {
  it('rejects malformed dates rather than comparing them as strings', () => {
    expect(() => assess({ on: '2026-6-1' })).toThrow(RangeError);
    expect(() => assess({ record: penalty({ occurredOn: '2026-02-30' }) })).toThrow(RangeError);
  });
});

describe('a record listed among the other records', () => {
  it('is not counted against itself', () => {
    const record = listing('ABNORMAL_LISTING');
    expect(assess({ record: penalty(), otherRecords: [penalty()] }).eligible).toBe(true);
    expect(assess({ record, otherRecords: [record] }).eligible).toBe(true);
  });
});
