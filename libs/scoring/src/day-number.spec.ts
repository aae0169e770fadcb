import {
  addMonths,
  anniversary,
  dayFromCivil,
  formatDay,
  fullYearsBetween,
  parseDay,
  parsePackedDate,
} from './day-number';

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2024-02-29', 19782],
  ])('%s is day %i and formats back', (date, day) => {
    expect(parseDay(date)).toBe(day);
    expect(formatDay(day)).toBe(date);
  });

  it('agrees with Date.UTC on every day of 1900..2100', () => {
    for (let d = parseDay('1900-01-01'); d <= parseDay('2100-12-31'); d++) {
      const iso = new Date(d * 86400000).toISOString().slice(0, 10);
      if (formatDay(d) !== iso || parseDay(iso) !== d) throw new Error(`mismatch on ${iso}`);
    }
  });

  it.each([
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-1-01',
    '20240101',
    '2024/01/01',
    'abcd-ef-gh',
    '',
  ])('refuses %j', (s) => {
    expect(() => parsePackedDate(s)).toThrow(RangeError);
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-05-15', 3, '2024-08-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2021-08-31', 36, '2024-08-31'],
    ['2024-12-31', 1, '2025-01-31'],
  ])('%s + %i months = %s (end-of-month clamping)', (from, months, to) => {
    expect(formatDay(addMonths(parsePackedDate(from), months))).toBe(to);
  });

  it.each([
    ['2020-02-29', 1, '2021-03-01'],
    ['2020-02-29', 4, '2024-02-29'],
    ['2020-02-28', 1, '2021-02-28'],
    ['2019-03-01', 10, '2029-03-01'],
  ])('the %s anniversary after %i years is %s', (from, years, to) => {
    expect(formatDay(anniversary(parsePackedDate(from), years))).toBe(to);
  });

  it.each([
    ['2020-02-29', '2021-02-28', 0],
    ['2020-02-29', '2021-03-01', 1],
    ['2020-02-29', '2024-02-28', 3],
    ['2020-02-29', '2024-02-29', 4],
    ['2019-03-01', '2024-02-29', 4],
    ['2019-03-01', '2024-03-01', 5],
    ['2024-05-01', '2024-04-01', -1],
  ])('from %s to %s is %i whole years', (from, to, years) => {
    expect(fullYearsBetween(parsePackedDate(from), parsePackedDate(to))).toBe(years);
  });

  it('dayFromCivil handles years before 0 of the era arithmetic', () => {
    expect(dayFromCivil(1600, 2, 29)).toBe(parseDay('1600-02-29'));
  });
});
