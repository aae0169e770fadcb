import { CalendarDate, addDays, isoWeekday, yearOf } from './calendar-date';

/**
 * China's official working days (法定工作日): weekends and public holidays off,
 * make-up working days (调休上班) on.
 *
 * The arrangement of each year is data: one file per State Council notice
 * (国务院办公厅关于XXXX年部分节假日安排的通知) in `config/calendar/`, loaded by
 * `loadWorkingDayCalendar` (config/working-day-calendar.loader.ts). Next year's
 * notice, published each November, is a data change.
 *
 * A year without its notice falls back to Monday–Friday minus the days off the
 * law fixes on the solar calendar (全国年节及纪念日放假办法 art. 2 as revised in
 * 2024: 1 January, 1–2 May, 1–3 October); the lunar holidays and the 调休 of
 * that year are unknown until its notice. Every answer says which fallback years
 * it relied on, so callers can tell the user.
 */
export interface HolidayArrangement {
  /** The year of the notice. Its New Year holiday may begin in the previous December. */
  year: number;
  /** The notice the dates come from. */
  source: string;
  /** Days off, weekend days inside a holiday included. */
  holidays: CalendarDate[];
  /** 调休: weekend days worked. */
  workdays: CalendarDate[];
}

/** `MM-DD` of the days off fixed by the solar calendar; used only for years without a notice. */
export const FIXED_STATUTORY_DAYS_OFF: readonly string[] = [
  '01-01',
  '05-01',
  '05-02',
  '10-01',
  '10-02',
  '10-03',
];

export interface WorkingDayResult {
  date: CalendarDate;
  /** Years, ascending, whose days were judged by the fallback rule for lack of a notice. */
  fallbackYears: number[];
}

export class WorkingDayCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<CalendarDate>;
  private readonly workdays: ReadonlySet<CalendarDate>;
  private readonly fixedDaysOff = new Set(FIXED_STATUTORY_DAYS_OFF);

  /** From validated arrangements (the loader checks them and names the bad file). */
  constructor(arrangements: readonly HolidayArrangement[]) {
    this.years = new Set(arrangements.map((a) => a.year));
    this.holidays = new Set(arrangements.flatMap((a) => a.holidays));
    this.workdays = new Set(arrangements.flatMap((a) => a.workdays));
  }

  /** Whether the official holiday arrangement for `year` is known. */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  /** The covered years, ascending. */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isWorkingDay(date: CalendarDate): boolean {
    const weekday = isoWeekday(date); // validates the date too
    // Listed dates win even in an uncovered year: a notice may reach into December before it.
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    if (!this.covers(yearOf(date)) && this.fixedDaysOff.has(date.slice(5))) return false;
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
