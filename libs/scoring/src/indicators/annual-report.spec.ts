import type { CreditRecordInput } from '../profile';
import { assess, factorOf, profile, rec } from '../testing/fixtures';

const report = (year: number, filed: string, extra: Partial<CreditRecordInput> = {}) =>
  rec('ANNUAL_REPORT', filed, { year, ...extra });

function d1(asOf: string, records: CreditRecordInput[], establishedOn = '2019-03-01') {
  return factorOf(assess(profile({ establishedOn, records }), asOf), 'D1');
}

describe('D1 annual report of the latest due year (on time +20, late −20, missing −80, not yet due 0)', () => {
  describe.each(['2023', '2024'])('around 30 June %s', (y) => {
    const Y = Number(y);
    it.each([
      // On and before the due date the year before last is still the one judged.
      [`${y}-06-29`, Y - 2],
      [`${y}-06-30`, Y - 2],
      [`${y}-07-01`, Y - 1],
    ])('as of %s the judged year is %i', (asOf, judged) => {
      const onTime = report(judged, `${judged + 1}-06-30`);
      const other = report(judged === Y - 1 ? Y - 2 : Y - 1, `${y}-01-15`);
      const f = d1(asOf, [other, onTime]);
      expect(f.points).toBe(20);
      expect(f.recordIds).toEqual([onTime.id]);
    });

    it.each([
      [`${Y}-06-30`, 20],
      [`${Y}-07-01`, -20],
    ])(`a report for ${Y - 1} filed %s is %i as of ${y}-07-01`, (filed, points) => {
      expect(d1(`${y}-07-01`, [report(Y - 1, filed)]).points).toBe(points);
    });

    it(`a report for ${Y - 1} filed after ${y}-07-01 does not count yet: missing`, () => {
      const late = report(Y - 1, `${y}-07-02`);
      const a = assess(profile({ records: [late] }), `${y}-07-01`);
      expect(factorOf(a, 'D1').points).toBe(-80);
      expect(a.nextReviewOn).toBe(`${y}-07-02`);
      expect(factorOf(assess(profile({ records: [late] }), `${y}-07-02`), 'D1').points).toBe(-20);
    });
  });

  it.each([
    ['2023-12-31', -80],
    ['2024-01-01', 0],
    ['2024-07-01', 0],
  ])(
    'as of 2024-07-01 (year 2023 due) an enterprise established %s: %i',
    (establishedOn, points) => {
      expect(d1('2024-07-01', [], establishedOn).points).toBe(points);
    },
  );

  it('on a leap day the judged year is the one due the June before last', () => {
    expect(d1('2024-02-29', [report(2022, '2023-05-01')]).points).toBe(20);
    expect(d1('2024-02-29', [report(2023, '2024-02-01')]).points).toBe(-80);
  });

  it('ignores reports that are not ACTIVE and reports for other years', () => {
    const records = [
      report(2023, '2024-05-01', { status: 'REVOKED' }),
      report(2023, '2024-05-02', { status: 'REPAIRED' }),
      report(2023, '2024-05-03', { status: 'EXPIRED' }),
      report(2022, '2023-05-01'),
    ];
    expect(d1('2024-08-15', records).points).toBe(-80);
  });

  it('the earliest filing decides when a year was reported twice', () => {
    const late = report(2023, '2024-07-20');
    const onTime = report(2023, '2024-06-01');
    const f = d1('2024-08-15', [late, onTime]);
    expect(f.points).toBe(20);
    expect(f.recordIds).toEqual([onTime.id]);
  });

  it.each([
    ['2024-06-30', '2024-07-01'],
    ['2024-07-01', '2025-07-01'],
    ['2023-12-31', '2024-07-01'],
  ])('as of %s the judged year rolls over on %s', (asOf, next) => {
    expect(assess(profile({ establishedOn: '2010-01-01' }), asOf).nextReviewOn).toBe(next);
  });
});
