import { isValidUscc } from '@app/core';
import { dayOf, civilOf, formatDay, parseDay } from './calendar';
import { buildUscc, organisationCode } from './uscc-factory';

describe('organisationCode', () => {
  it('is unique per id in both the old digit form and the MA… form', () => {
    for (const modern of [false, true]) {
      const seen = new Set<string>();
      for (let id = 1; id <= 100_000; id++) seen.add(organisationCode(id, 123, modern).slice(0, 8));
      expect(seen.size).toBe(100_000);
    }
    expect(organisationCode(1, 123, true)).toMatch(/^MA[0-9A-HJ-NP-RTUW-Y]{7}$/);
    expect(organisationCode(1, 123, false)).toMatch(/^\d{8}[\dX]$/);
  });

  it('ends with the GB 11714 check character, and builds valid USCCs', () => {
    // 91110000600037341L carries the organisation code 60003734-1.
    expect(buildUscc('1', '110000', '600037341')).toBe('91110000600037341L');
    for (let id = 1; id <= 2000; id++) {
      expect(isValidUscc(buildUscc('1', '330106', organisationCode(id, 9, id % 2 === 0)))).toBe(
        true,
      );
    }
  });
});

describe('calendar days', () => {
  it('round-trips with the proleptic Gregorian calendar', () => {
    for (let d = dayOf(1990, 1, 1); d <= dayOf(2030, 12, 31); d += 17) {
      const { year, month, day } = civilOf(d);
      expect(Date.UTC(year, month - 1, day) / 86_400_000).toBe(d);
      expect(parseDay(formatDay(d))).toBe(d);
    }
    expect(() => parseDay('2026-02-29')).toThrow(RangeError);
    expect(parseDay('2024-02-29')).toBe(dayOf(2024, 2, 29));
  });
});
