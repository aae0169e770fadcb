/**
 * Calendar days as integers: day 0 is 1970-01-01 (proleptic Gregorian, no
 * time zone: the inputs are already Asia/Shanghai calendar days).
 * The engine parses `YYYY-MM-DD` with char codes and compares integers, so the
 * hot path never builds a `Date`. Civil <-> day conversion after H. Hinnant's
 * `days_from_civil` / `civil_from_days`.
 *
 * A parsed date is also kept "packed" (y << 9 | m << 5 | d) because month
 * windows and anniversaries need the civil fields, not just the day number.
 */

/** A day later than any real date: "never ends". */
export const NEVER = 0x7fffffff;

export function isLeapYear(y: number): boolean {
  return (y & 3) === 0 && (y % 100 !== 0 || y % 400 === 0);
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1;
  const doe = yoe * 365 + (yoe >> 2) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

export function packedYear(p: number): number {
  return p >> 9;
}
export function packedMonth(p: number): number {
  return (p >> 5) & 15;
}
export function packedDay(p: number): number {
  return p & 31;
}

export function dayFromPacked(p: number): number {
  return dayFromCivil(p >> 9, (p >> 5) & 15, p & 31);
}

function digit(s: string, i: number): number {
  const v = s.charCodeAt(i) - 48;
  return v >= 0 && v <= 9 ? v : -100000;
}

/**
 * `YYYY-MM-DD` -> packed civil date. Throws a RangeError on anything else,
 * including impossible days such as 2023-02-29: a bad date must not score.
 */
export function parsePackedDate(s: string): number {
  if (
    typeof s !== 'string' ||
    s.length !== 10 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45
  ) {
    throw new RangeError(`invalid date '${String(s)}': expected YYYY-MM-DD`);
  }
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new RangeError(`invalid date '${s}': expected YYYY-MM-DD`);
  }
  return (y << 9) | (m << 5) | d;
}

export function parseDay(s: string): number {
  return dayFromPacked(parsePackedDate(s));
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : '' + n;
}

export function formatDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + (yoe >> 2) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const d = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const ys = '' + y;
  return '0000'.slice(ys.length) + ys + '-' + pad2(m) + '-' + pad2(d);
}

/**
 * The day `months` calendar months after a packed date, the day of month
 * clamped to the end of a shorter month (2024-01-31 + 1 month = 2024-02-29).
 */
export function addMonths(p: number, months: number): number {
  const m0 = ((p >> 5) & 15) - 1 + months;
  const y = (p >> 9) + Math.floor(m0 / 12);
  const m = (m0 % 12) + 1;
  const dim = daysInMonth(y, m);
  const d = p & 31;
  return dayFromCivil(y, m, d > dim ? dim : d);
}

/**
 * The day a date reaches its `years`-th anniversary. Birthday semantics: the
 * anniversary is reached when the month-day is reached or passed, so a
 * 29 February in a common year is reached on 1 March.
 */
export function anniversary(p: number, years: number): number {
  const y = (p >> 9) + years;
  const m = (p >> 5) & 15;
  const d = p & 31;
  const dim = daysInMonth(y, m);
  return d > dim ? dayFromCivil(y, m, dim) + 1 : dayFromCivil(y, m, d);
}

/** Whole years from `from` to `to` (both packed), with the same birthday semantics. */
export function fullYearsBetween(from: number, to: number): number {
  const years = (to >> 9) - (from >> 9);
  // Comparing the month-day bits of the packed values compares (month, day).
  return (to & 511) < (from & 511) ? years - 1 : years;
}
