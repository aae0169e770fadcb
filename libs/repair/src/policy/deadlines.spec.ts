import { loadWorkingDayCalendar } from '@app/core';
import { P107, P2021 } from '../../test/policy-fixtures';
import { acceptBy, decideBy, decisionWorkingDays, WorkingDays } from './deadlines';

const calendar = loadWorkingDayCalendar();
const moderate = { kind: 'PENALTY' as const, severity: 'MODERATE' as const };

describe('acceptBy', () => {
  it('skips National Day (2 working days after Mon 2025-09-29)', () => {
    expect(acceptBy('2025-09-29', P2021, calendar)).toEqual({
      date: '2025-10-09',
      workingDays: 2,
      fallbackYears: [],
    });
  });

  it('skips the Spring Festival and counts its 调休 Saturday', () => {
    // Fri 2026-02-13: Sat 14 is a make-up working day (1), Feb 15–23 off, Tue 24 (2).
    expect(acceptBy('2026-02-13', P107, calendar).date).toBe('2026-02-24');
    // Thu 2026-02-12: Fri 13 (1), Sat 14 worked (2).
    expect(acceptBy('2026-02-12', P107, calendar).date).toBe('2026-02-14');
  });

  it('counts the 2025-10-11 make-up Saturday', () => {
    expect(acceptBy('2025-10-09', P2021, calendar).date).toBe('2025-10-11');
  });

  it('reports the fallback (Monday–Friday minus fixed statutory days) for years without data', () => {
    // Fri 2040-09-28: 1–3 Oct (Mon–Wed) are off by law whatever the notice adds; Thu 4 (1), Fri 5 (2).
    expect(acceptBy('2040-09-28', P107, calendar)).toEqual({
      date: '2040-10-05',
      workingDays: 2,
      fallbackYears: [2040],
    });
  });
});

describe('decideBy', () => {
  it('uses the policy period for the kind and severity', () => {
    expect(decisionWorkingDays(moderate, P107)).toBe(7);
    expect(decisionWorkingDays({ kind: 'PENALTY', severity: 'SERIOUS' }, P107)).toBe(7);
    expect(decisionWorkingDays({ kind: 'ABNORMAL_LISTING' }, P107)).toBe(5);
    expect(decisionWorkingDays({ kind: 'SERIOUS_DISHONESTY_LISTING' }, P107)).toBe(7);
    expect(decisionWorkingDays(moderate, P2021)).toBe(15);
    expect(decisionWorkingDays({ kind: 'PENALTY', severity: 'MINOR' }, P107)).toBeUndefined();
    expect(decisionWorkingDays({ kind: 'PENALTY', severity: null }, P107)).toBeUndefined();
    expect(decisionWorkingDays({ kind: 'INSPECTION' }, P107)).toBe(5);
    expect(decisionWorkingDays({ kind: 'INSPECTION' }, P2021)).toBeUndefined();
    expect(decisionWorkingDays({ kind: 'COMPLAINT' }, P107)).toBeUndefined();
  });

  it('runs across National Day with both make-up days', () => {
    // Accepted Fri 2025-09-26: Sun 28, Mon 29, Tue 30, Thu 9, Fri 10, Sat 11, Mon 13.
    expect(decideBy('2025-09-26', moderate, P107, calendar).date).toBe('2025-10-13');
    // 15 under the 2021 rules: the 7 above less Mon 13 (6), Oct 13–17 (11), Oct 20–23 (15).
    expect(decideBy('2025-09-26', moderate, P2021, calendar).date).toBe('2025-10-23');
  });

  it('gives 5 working days for the abnormal list across the Spring Festival', () => {
    // Accepted Wed 2026-02-11: Thu 12, Fri 13, Sat 14, Tue 24, Wed 25.
    expect(decideBy('2026-02-11', { kind: 'ABNORMAL_LISTING' }, P107, calendar).date).toBe(
      '2026-02-25',
    );
  });

  it('passes on the fallback when the period runs into an unknown year', () => {
    const last = calendar.coveredYears().at(-1)!;
    const d = decideBy(`${last}-12-28`, moderate, P107, calendar);
    expect(d.fallbackYears).toEqual([last + 1]);
  });

  it('refuses a record the policy does not repair', () => {
    expect(() =>
      decideBy('2026-01-05', { kind: 'PENALTY', severity: 'MINOR' }, P107, calendar),
    ).toThrow(/does not repair PENALTY MINOR/);
    expect(() => decideBy('2026-01-05', { kind: 'HONOR' }, P107, calendar)).toThrow(RangeError);
  });

  it('works with any calendar implementation', () => {
    const stub: WorkingDays = {
      addWorkingDaysDetailed: (date, n) => ({ date: `${date}+${n}`, fallbackYears: [1999] }),
    };
    expect(decideBy('2026-01-05', moderate, P107, stub)).toEqual({
      date: '2026-01-05+7',
      workingDays: 7,
      fallbackYears: [1999],
    });
  });
});
