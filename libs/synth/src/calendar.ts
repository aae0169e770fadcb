/**
 * Calendar days as integers (days since 1970-01-01) so the generator does date
 * arithmetic without Date objects or time zones. Formatted strings are cached:
 * a population spans ~12k distinct days, so the cache stays small.
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `dayOf`. */
export function civilOf(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: doy - Math.floor((153 * mp + 2) / 5) + 1,
  };
}

export function yearOf(days: number): number {
  return civilOf(days).year;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; rejects impossible dates such as 2026-02-30. */
export function parseDay(text: string): number {
  const m = DATE.exec(text);
  if (!m) throw new RangeError(`expected a YYYY-MM-DD date, got '${text}'`);
  const days = dayOf(+m[1], +m[2], +m[3]);
  if (formatDay(days) !== text) throw new RangeError(`not a calendar date: '${text}'`);
  return days;
}

const formatted = new Map<number, string>();

export function formatDay(days: number): string {
  let text = formatted.get(days);
  if (text === undefined) {
    const { year, month, day } = civilOf(days);
    text = `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
    formatted.set(days, text);
  }
  return text;
}
