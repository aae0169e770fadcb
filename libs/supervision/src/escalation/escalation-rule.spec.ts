import { escalationCutoff, fullYearsBetween, partitionDue } from './escalation-rule';

describe('abnormal list → serious list: three years in force', () => {
  it('is due on the third anniversary of the listing, not the day before', () => {
    expect(escalationCutoff('2026-06-15')).toBe('2023-06-15');
    // 2027 has no 29 February: a listing of 29 Feb 2024 is due from 1 Mar 2027.
    expect(escalationCutoff('2027-02-28')).toBe('2024-02-28');
    expect(escalationCutoff('2027-03-01')).toBe('2024-03-01');
  });

  it('counts whole years listed', () => {
    expect(fullYearsBetween('2023-06-14', '2026-06-15')).toBe(3);
    expect(fullYearsBetween('2023-06-15', '2026-06-15')).toBe(3);
    expect(fullYearsBetween('2023-06-16', '2026-06-15')).toBe(2);
    expect(fullYearsBetween('2020-02-29', '2023-02-28')).toBe(3);
    expect(fullYearsBetween('2026-06-15', '2026-06-15')).toBe(0);
    expect(fullYearsBetween('2026-06-16', '2026-06-15')).toBe(0);
  });

  it('does not flag a listing already followed by a serious listing', () => {
    const a = { id: 1, seriousListedOn: null };
    const b = { id: 2, seriousListedOn: '2025-01-01' };
    expect(partitionDue([a, b])).toEqual({ due: [a], seriousListed: [b] });
  });
});
