import holidayData from 'chinese-days/dist/chinese-days.json';
import { CalendarDate, addDays, isoWeekday, yearOf } from './calendar-date';

/**
 * China's official working days (法定工作日): weekends and public holidays off,
 * make-up working days (调休上班) on.
 *
 * Backed by the data of the `chinese-days` package (State Council notices,
 * 2004–2026 in v1.5.7). We read its JSON rather than call isWorkday(): the
 * package's date parsing depends on the host time zone (west of UTC it shifts a
 * `YYYY-MM-DD` by a day), while the JSON is keyed by the date string itself.
 *
 * Years the data does not know yet fall back to Monday–Friday, and every
 * answer says which fallback years it relied on, so callers can tell the user.
 */
interface HolidayData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const DATA = holidayData as HolidayData;
/** A year is covered when the State Council notice for it is in the data. */
const COVERED_YEARS: ReadonlySet<number> = new Set(
  Object.keys(DATA.holidays).map((d) => Number(d.slice(0, 4))),
);

export interface WorkingDayResult {
  date: CalendarDate;
  /** Years, ascending, whose days were judged Monday–Friday for lack of data. */
  fallbackYears: number[];
}

export class WorkingDayCalendar {
  /** Whether the official holiday arrangement for `year` is known. */
  covers(year: number): boolean {
    return COVERED_YEARS.has(year);
  }

  /** The covered years, ascending. */
  coveredYears(): number[] {
    return [...COVERED_YEARS].sort((a, b) => a - b);
  }

  isWorkingDay(date: CalendarDate): boolean {
    const weekday = isoWeekday(date); // validates the date too
    if (!this.covers(yearOf(date))) return weekday <= 5;
    if (DATA.workdays[date]) return true; // 调休: a weekend day worked
    if (DATA.holidays[date]) return false;
    return weekday <= 5;
  }

  /**
   * The date `n` working days after `date`, not counting `date` itself
   * (a time limit "within n working days" starts the next day). n = 0 gives
   * `date` back unchanged.
   */
  addWorkingDaysDetailed(date: CalendarDate, n: number): WorkingDayResult {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`working days must be a non-negative integer, got ${n}`);
    }
    const fallback = new Set<number>();
    let current = date;
    let remaining = n;
    while (remaining > 0) {
      current = addDays(current, 1);
      if (!this.covers(yearOf(current))) fallback.add(yearOf(current));
      if (this.isWorkingDay(current)) remaining--;
    }
    return { date: current, fallbackYears: [...fallback].sort((a, b) => a - b) };
  }

  addWorkingDays(date: CalendarDate, n: number): CalendarDate {
    return this.addWorkingDaysDetailed(date, n).date;
  }
}
